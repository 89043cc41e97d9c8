package org.griot.telephony;

/** The caller hung up (or the call was ended) while a script was using the call. */
public class CallHungUpException extends RuntimeException {

    private final CallId callId;

    public CallHungUpException(CallId callId) {
        super("call " + callId + " has hung up");
        this.callId = callId;
    }

    public CallId callId() {
        return callId;
    }
}
