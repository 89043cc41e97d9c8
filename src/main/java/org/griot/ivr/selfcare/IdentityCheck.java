package org.griot.ivr.selfcare;

/**
 * The verdict on the caller's answer to the identity question (last 4 digits of the ID document).
 * Counting attempts and locking out is the IVR's business, not the back end's.
 */
public record IdentityCheck(boolean passed) {

    public static final IdentityCheck PASSED = new IdentityCheck(true);
    public static final IdentityCheck FAILED = new IdentityCheck(false);

    /** The shape of a plausible answer; anything else fails without asking the back end. */
    static boolean isWellFormedAnswer(String answer) {
        return answer != null && answer.matches("[0-9]{4}");
    }
}
