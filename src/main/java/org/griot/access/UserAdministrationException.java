package org.griot.access;

/** A user-administration request that breaks a rule; {@code code} names the rule for the UI. */
public class UserAdministrationException extends RuntimeException {

    private final String code;

    public UserAdministrationException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
