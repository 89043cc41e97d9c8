package org.griot.decision;

import java.time.Instant;
import java.util.List;

/** A rule-base version as shown to analysts and auditors. */
public record RuleBaseSummary(long version, String checksum, Instant activatedAt, String activatedBy, String origin,
        int ruleCount, List<String> files, List<String> rules) {
}
