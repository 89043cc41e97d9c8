package org.griot.ivr;

import org.griot.telephony.CallCommand;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallSession;
import org.springframework.stereotype.Component;

/**
 * The "callback" script, on the customer's leg of an automatic callback once they answer: they hear
 * who calls and why, in their language, then the dialplan connects them to the agent the ACD reserved
 * (GRIOT_AGENT, set by the originate) through griot-connect, like a waiting caller.
 */
@Component
class CallbackScript implements CallScript {

    private final PromptReleases prompts;
    private final PromptCatalog catalog;

    CallbackScript(PromptReleases prompts, PromptCatalog catalog) {
        this.prompts = prompts;
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "callback";
    }

    @Override
    public void serve(CallSession call) {
        String agent = call.perform(new CallCommand.GetCallData("GRIOT_AGENT")).orElse("");
        String language = call.perform(new CallCommand.GetCallData("GRIOT_LANGUAGE"))
                .filter(catalog.languages()::contains).orElse(PromptCatalog.DEFAULT_LANGUAGE);
        call.play(prompts.soundName("callback-greeting", language, false), "");
        if (!agent.matches("[0-9]{2,10}")) {
            throw new IllegalStateException("Callback " + call.info().callId() + " has no reserved agent (GRIOT_AGENT='" + agent + "')");
        }
        call.perform(new CallCommand.SetCallData("GRIOT_NEXT", "griot-connect," + agent + ",1"));
    }
}
