package org.griot.decision;

import java.time.Instant;

/** A production release of the rule base: which version, how (first start, promotion, rollback), when, by whom. */
public record RuleBaseRelease(long version, String action, Instant releasedAt, String releasedBy) {

    public static final String FIRST_START = "FIRST_START";
    public static final String PROMOTION = "PROMOTION";
    public static final String ROLLBACK = "ROLLBACK";
}
