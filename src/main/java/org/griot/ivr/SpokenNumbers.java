package org.griot.ivr;

import org.griot.telephony.CallCommand;
import org.griot.telephony.CallSession;

/** Numbers said to a caller, the one way every IVR script says them. */
final class SpokenNumbers {

    private SpokenNumbers() {
    }

    /** Asterisk's own number sounds exist in French and English; Fon and Yoruba get Griot's digit prompts. */
    static void sayNumber(CallSession call, long number, String language, boolean staging, PromptReleases prompts) {
        if ("fr".equals(language) || "en".equals(language)) {
            call.perform(new CallCommand.SetCallData("CHANNEL(language)", language));
            call.perform(new CallCommand.SayNumber(number, ""));
        } else {
            sayDigits(call, Long.toString(number), language, staging, prompts);
        }
    }

    /** Digit by digit with Griot's own digit prompts (they exist in every language, Fon and Yoruba included). */
    static void sayDigits(CallSession call, String digits, String language, boolean staging, PromptReleases prompts) {
        for (char digit : digits.toCharArray()) {
            call.play(prompts.soundName("digit-" + digit, language, staging), "");
        }
    }
}
