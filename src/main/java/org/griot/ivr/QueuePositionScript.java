package org.griot.ivr;

import org.griot.callback.CallbackRequest;
import org.griot.routing.Acd;
import org.griot.routing.WaitingPosition;
import org.griot.telephony.CallCommand;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallSession;
import org.springframework.stereotype.Component;

/**
 * The "queue-position" FastAGI script: every N seconds (per queue) the ACD sends a waiting caller
 * here; they hear their place in line and the expected wait in minutes, in their language, and go
 * back to the music (GRIOT_NEXT). Once, at the queue's callback threshold, they are also offered to be
 * called back or to leave a message. A caller no longer waiting (just offered to an agent) hears nothing.
 */
@Component
class QueuePositionScript implements CallScript {

    static final String HOLD = IvrCallScript.HOLD_LOCATION;

    private final Acd acd;
    private final PromptReleases prompts;
    private final PromptCatalog catalog;
    private final WaitingOptions options;

    QueuePositionScript(Acd acd, PromptReleases prompts, PromptCatalog catalog, WaitingOptions options) {
        this.acd = acd;
        this.prompts = prompts;
        this.catalog = catalog;
        this.options = options;
    }

    @Override
    public String name() {
        return "queue-position";
    }

    @Override
    public void serve(CallSession call) {
        var position = acd.position(call.info().callId().value());
        if (position.isPresent()) {
            WaitingPosition where = position.get();
            String language = where.language() == null || !catalog.languages().contains(where.language())
                    ? PromptCatalog.DEFAULT_LANGUAGE : where.language();
            call.play(prompts.soundName("queue-position", language, false), "");
            SpokenNumbers.sayNumber(call, where.position(), language, false, prompts);
            call.play(prompts.soundName("queue-expected-wait", language, false), "");
            SpokenNumbers.sayNumber(call, where.expectedMinutes(), language, false, prompts);
            if (where.offerOptions()
                    && options.offer(call, where.queue(), language, where.waitingSince(), CallbackRequest.Origin.WAIT_OFFER, true)
                            != WaitingOptions.Choice.KEEP_WAITING) {
                return; // called back or message left: the caller was thanked and hung up
            }
        }
        call.perform(new CallCommand.SetCallData("GRIOT_NEXT", HOLD));
    }

}
