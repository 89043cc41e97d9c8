package org.griot.ivr.selfcare;

/**
 * A SIM's PUK code. {@link #toString()} masks it, so a logged lookup result never shows the code;
 * only {@link #digits()} (to say it to the verified caller) does.
 */
public record PukCode(String digits) {

    public PukCode {
        if (digits == null || !digits.matches("[0-9]{8}")) {
            throw new IllegalArgumentException("a PUK code is 8 digits");
        }
    }

    @Override
    public String toString() {
        return "PukCode[********]";
    }
}
