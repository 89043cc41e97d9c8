package org.griot.decision;

/**
 * A decision the rules host stopped: the rule base fired too many rules or for too long (a rule
 * loop, an endless re-firing). The decision's caller falls back to its default outcome and records
 * it with {@link #decision()} and {@link #reason()}; the host has already audited the stop.
 */
public class RuleDecisionStoppedException extends RuntimeException {

    private final transient Decision decision;
    private final String reason;
    private final boolean timedOut;

    RuleDecisionStoppedException(Decision decision, String reason, boolean timedOut) {
        super(reason + " (" + decision.explanation() + ")", null, false, false);
        this.decision = decision;
        this.reason = reason;
        this.timedOut = timedOut;
    }

    /** Stopped by the watchdog (too long), rather than by the firing limit (too many firings: a loop for sure). */
    public boolean timedOut() {
        return timedOut;
    }

    /** The rules that fired before the stop (the last ones, at most {@value CompiledRuleBase#FIRED_RULES_KEPT}), version and stage. */
    public Decision decision() {
        return decision;
    }

    /** "rule base timed out: still firing after 200 ms (1523 firings)" or "rule base fired 10000 rules: a rule loop". */
    public String reason() {
        return reason;
    }

    RuleDecisionStoppedException in(Stage stage) {
        return new RuleDecisionStoppedException(decision.in(stage), reason, timedOut);
    }
}
