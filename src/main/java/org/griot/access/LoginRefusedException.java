package org.griot.access;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * Every refused login, whatever the reason: one class, one message ("Bad credentials"), so the answer
 * is the same for an unknown name, a wrong password, a disabled account and a throttled attempt. The
 * reason is for Griot's audit only.
 */
final class LoginRefusedException extends BadCredentialsException {

    private final String reason;

    LoginRefusedException(String reason) {
        super("Bad credentials");
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
