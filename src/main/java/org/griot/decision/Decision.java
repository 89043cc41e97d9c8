package org.griot.decision;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a rule evaluation did: which rules fired, in order, the rule-base version that made the
 * decision and whether it was the staging or the production rule base. The outcome itself is in
 * the fact objects the caller passed (rules modify them).
 */
public record Decision(long ruleBaseVersion, String ruleBaseChecksum, List<FiredRule> firedRules, Stage stage) {

    public Decision {
        firedRules = List.copyOf(firedRules);
        stage = stage == null ? Stage.PRODUCTION : stage;
    }

    /** A production decision. */
    public Decision(long ruleBaseVersion, String ruleBaseChecksum, List<FiredRule> firedRules) {
        this(ruleBaseVersion, ruleBaseChecksum, firedRules, Stage.PRODUCTION);
    }

    Decision in(Stage decidedIn) {
        return new Decision(ruleBaseVersion, ruleBaseChecksum, firedRules, decidedIn);
    }

    /** "rule-base v12: griot.sample.Priority numbers first, ..." ("rule-base v13 (staging): ..." on staging). */
    public String explanation() {
        return "rule-base v" + ruleBaseVersion + (stage == Stage.STAGING ? " (staging)" : "") + ": "
                + (firedRules.isEmpty() ? "no rule fired" : firedRules.stream().map(FiredRule::toString).collect(Collectors.joining(", ")));
    }
}
