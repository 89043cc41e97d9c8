package org.griot.telephony;

/** The PBX has no such call (any more): it ended, or it never existed on this PBX. */
public class UnknownCallException extends TelephonyException {

    public UnknownCallException(CallId call) {
        super("No live channel known for call " + call);
    }
}
