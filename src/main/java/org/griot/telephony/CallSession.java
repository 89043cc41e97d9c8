package org.griot.telephony;

/**
 * One live call's media and DTMF loop, used by the {@link CallScript} serving the call, on the
 * thread the adapter gives it. Commands block until the PBX answers. When the caller hangs up, the
 * running and every later command throws {@link CallHungUpException}: the script just ends.
 */
public interface CallSession {

    CallInfo info();

    /** Performs one command and returns its result. */
    <R> R perform(CallCommand<R> command);

    /** False once the caller hung up or the call was ended. */
    boolean isActive();

    default CallCommand.Done answer() {
        return perform(new CallCommand.Answer());
    }

    default CallCommand.PromptResult play(String prompt, String bargeInDigits) {
        return perform(new CallCommand.PlayPrompt(prompt, bargeInDigits));
    }

    default CallCommand.DigitsResult collect(CallCommand.CollectDigits command) {
        return perform(command);
    }

    default CallCommand.Done hangUp() {
        return perform(new CallCommand.HangUp());
    }
}
