package org.griot.ivr;

import java.time.Duration;
import java.time.Instant;
import org.griot.callback.CallbackRequest;
import org.griot.callback.CallbackRequests;
import org.griot.callback.CallbackWindows;
import org.griot.routing.Acd;
import org.griot.telephony.CallCommand;
import org.griot.telephony.CallHungUpException;
import org.griot.telephony.CallCommand.CollectDigits;
import org.griot.telephony.CallSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Instead of turning a caller away (the proposal's "dissuasion"): keep waiting (1), be called back on
 * this number (2) or on another one (3), or leave a message (4). Offered while waiting (the queue's
 * threshold), up front when the expected wait is already longer, and when the queue takes callbacks
 * only. A callback or a message keeps the caller's place: the request is served before later callers.
 */
@Component
class WaitingOptions {

    private static final Logger log = LoggerFactory.getLogger(WaitingOptions.class);
    static final Duration MESSAGE_LIMIT = Duration.ofMinutes(2);

    /** What the caller chose. */
    enum Choice { KEEP_WAITING, CALLBACK, VOICEMAIL, FAILED }

    private final CallbackRequests callbacks;
    private final Acd acd;
    private final PromptReleases prompts;
    private final java.time.ZoneId zone;

    WaitingOptions(CallbackRequests callbacks, Acd acd, PromptReleases prompts,
            @org.springframework.beans.factory.annotation.Value("${griot.routing.zone:Africa/Porto-Novo}") java.time.ZoneId zone) {
        this.callbacks = callbacks;
        this.acd = acd;
        this.prompts = prompts;
        this.zone = zone;
    }

    /**
     * Plays the options and does what the caller chose; {@code mayWait} false when the queue takes no
     * waiting callers (silence or 1 then mean "call me back on this number"). After a callback or a
     * message the caller is thanked and hung up.
     */
    Choice offer(CallSession call, String queue, String language, Instant waitingSince, CallbackRequest.Origin origin,
            boolean mayWait) {
        String caller = call.info().callerNumber();
        var answer = call.collect(new CollectDigits(sound("waiting-options", language), 1, 1, Duration.ofSeconds(6), null));
        String key = answer.digits();
        if (key.isEmpty() || "1".equals(key)) {
            if (mayWait) {
                return Choice.KEEP_WAITING;
            }
            key = "2";
        }
        switch (key) {
            case "2" -> {
                return callBack(call, caller, caller, queue, language, waitingSince, origin);
            }
            case "3" -> {
                var number = call.collect(new CollectDigits(sound("enter-callback-number", language), 8, 15,
                        Duration.ofSeconds(10), '#'));
                if (number.digits().length() < 8) {
                    call.play(sound("invalid-choice", language), "");
                    return mayWait ? Choice.KEEP_WAITING : callBack(call, caller, caller, queue, language, waitingSince, origin);
                }
                return callBack(call, number.digits(), caller, queue, language, waitingSince, origin);
            }
            case "4" -> {
                call.play(sound("leave-message-after-beep", language), "");
                String file = callbacks.voicemailFolder() + "/" + call.info().callId().value().replaceAll("[^A-Za-z0-9._-]", "_");
                acd.leave(call.info().callId().value(), "VOICEMAIL"); // out of the line first: no agent takes it meanwhile
                boolean hungUp = false;
                String recorded = file + ".wav";
                try {
                    recorded = call.perform(new CallCommand.RecordMessage(file, "wav", "#", MESSAGE_LIMIT,
                            Duration.ofSeconds(5), true)).file();
                } catch (CallHungUpException e) {
                    hungUp = true; // most callers hang up after their message: Asterisk keeps what was said
                }
                try {
                    long id = callbacks.request(new CallbackRequests.Ask(caller, caller, queue, CallbackRequest.Origin.VOICEMAIL,
                            language, waitingSince, null, null, recorded));
                    log.info("Call {} left a message ({}): callback request {}", call.info().callId(), recorded, id);
                } catch (IllegalArgumentException e) {
                    log.warn("Call {}: message kept in {} but no callback possible: {}", call.info().callId(), recorded,
                            e.getMessage());
                }
                if (hungUp) {
                    throw new CallHungUpException(call.info().callId());
                }
                call.play(sound("message-recorded", language), "");
                call.hangUp();
                return Choice.VOICEMAIL;
            }
            default -> {
                call.play(sound("invalid-choice", language), "");
                return mayWait ? Choice.KEEP_WAITING : callBack(call, caller, caller, queue, language, waitingSince, origin);
            }
        }
    }

    private Choice callBack(CallSession call, String number, String caller, String queue, String language, Instant waitingSince,
            CallbackRequest.Origin origin) {
        if (CallbackRequests.normalise(number) == null) {
            call.play(sound("invalid-choice", language), "");
            return Choice.KEEP_WAITING;
        }
        // When: as soon as possible, lunchtime, this evening, tomorrow morning (silence: as soon as possible).
        var when = call.collect(new CollectDigits(sound("callback-when", language), 1, 1, Duration.ofSeconds(5), null));
        var window = CallbackWindows.forKey(when.digits(), java.time.ZonedDateTime.now(zone));
        acd.leave(call.info().callId().value(), "CALLBACK"); // out of the line first: no agent takes it meanwhile
        try {
            long id = callbacks.request(new CallbackRequests.Ask(number, caller, queue, origin, language, waitingSince,
                    window.map(CallbackWindows.Window::start).orElse(null), window.map(CallbackWindows.Window::end).orElse(null),
                    null));
            log.info("Call {} will be called back on {}: request {}", call.info().callId(), number, id);
            call.play(sound("callback-confirmed", language), "");
            call.hangUp();
            return Choice.CALLBACK;
        } catch (RuntimeException e) {
            // Rare (the number was checked): the caller already left the line, so apologise rather than strand them.
            log.error("Call {}: the callback request could not be recorded", call.info().callId(), e);
            call.play(sound("backend-unavailable", language), "");
            call.hangUp();
            return Choice.FAILED;
        }
    }

    private String sound(String prompt, String language) {
        return prompts.soundName(prompt, language, false);
    }
}
