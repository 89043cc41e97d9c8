package org.griot.access;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * Every refused login, whatever the reason: one class, one message ("Bad credentials"), so the answer
 * is the same for an unknown name, a wrong password, a disabled account and a throttled attempt. The
 * reason is for Griot's audit only.
 */
final class LoginRefusedException extends BadCredentialsException {

    enum Reason {
        BLANK_NAME("blank user name"),
        THROTTLED("throttled"),
        UNKNOWN_USER("unknown user"),
        BAD_CREDENTIALS("bad credentials"),
        ACCOUNT_DISABLED("account disabled"),
        ACCOUNT_LOCKED("account locked");

        private final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    private final Reason reason;
    private final boolean repeated;
    private final String detail;

    /** {@code repeated}: another attempt inside a wait already refused (not audited again); {@code detail} follows the reason's text. */
    LoginRefusedException(Reason reason, boolean repeated, String detail) {
        super("Bad credentials");
        this.reason = reason;
        this.repeated = repeated;
        this.detail = detail;
    }

    LoginRefusedException(Reason reason) {
        this(reason, false, "");
    }

    Reason reason() {
        return reason;
    }

    boolean repeated() {
        return repeated;
    }

    /** As the audit trail says it, e.g. "bad credentials, next attempt in 4 s". */
    String auditText() {
        return reason.text + detail;
    }
}
