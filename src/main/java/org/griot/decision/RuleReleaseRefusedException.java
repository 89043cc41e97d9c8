package org.griot.decision;

/** A promotion or rollback of the rule base that a rule forbids (four-eyes, nothing to roll back to). */
public class RuleReleaseRefusedException extends RuntimeException {

    public RuleReleaseRefusedException(String message) {
        super(message);
    }
}
