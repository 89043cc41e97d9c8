package org.griot.decision;

/**
 * Which rule base decides: {@code STAGING} (the latest version built, for test lines and the IVR
 * simulator) or {@code PRODUCTION} (the version an analyst released, for real callers).
 */
public enum Stage {
    STAGING, PRODUCTION;

    public static Stage of(boolean staging) {
        return staging ? STAGING : PRODUCTION;
    }
}
