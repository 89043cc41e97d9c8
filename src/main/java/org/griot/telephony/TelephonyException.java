package org.griot.telephony;

/** A telephony command the PBX refused, did not answer in time, or could not receive. */
public class TelephonyException extends RuntimeException {

    public TelephonyException(String message) {
        super(message);
    }

    public TelephonyException(String message, Throwable cause) {
        super(message, cause);
    }
}
