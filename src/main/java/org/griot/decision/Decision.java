package org.griot.decision;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a rule evaluation did: which rules fired, in order, and the rule-base version that made the
 * decision. The outcome itself is in the fact objects the caller passed (rules modify them).
 */
public record Decision(long ruleBaseVersion, String ruleBaseChecksum, List<FiredRule> firedRules) {

    public Decision {
        firedRules = List.copyOf(firedRules);
    }

    /** "rule-base v12: griot.sample.Priority numbers first, griot.sample.Default priority" */
    public String explanation() {
        return "rule-base v" + ruleBaseVersion + ": "
                + (firedRules.isEmpty() ? "no rule fired" : firedRules.stream().map(FiredRule::toString).collect(Collectors.joining(", ")));
    }
}
