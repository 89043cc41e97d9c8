package org.griot.ivr.selfcare;

import java.util.Objects;

/** Who is calling, as far as the IVR needs it: name for the agent, language, VIP routing, line status. */
public record Subscriber(Msisdn msisdn, String displayName, String language, boolean vip, LineStatus status) {

    public enum LineStatus {
        ACTIVE, SUSPENDED
    }

    public Subscriber {
        Objects.requireNonNull(msisdn, "msisdn");
        Objects.requireNonNull(status, "status");
        displayName = displayName == null ? "" : displayName;
        language = language == null || language.isBlank() ? "fr" : language;
    }
}
