package org.griot.telephony;

import java.util.Objects;

/** Identifies one call leg across Griot and the PBX (Asterisk's Uniqueid for the asterisk adapter). */
public record CallId(String value) {

    public CallId {
        Objects.requireNonNull(value, "call id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("blank call id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
