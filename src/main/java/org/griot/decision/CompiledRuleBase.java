package org.griot.decision;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kie.api.KieBase;
import org.kie.api.builder.ReleaseId;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

/** A built, immutable rule base: the Drools container plus the exact sources it came from. */
record CompiledRuleBase(long version, String checksum, SortedMap<String, String> sources, ReleaseId releaseId,
        KieContainer container, KieBase kieBase, List<String> ruleNames) {

    /** A stopped decision keeps its last fired rules only (a loop fires the same few thousands of times). */
    static final int FIRED_RULES_KEPT = 20;

    /**
     * The bounds of one decision: {@code maxFirings} firings, {@code timeout} of firing, enforced by a
     * watchdog thread that halts the session (a rule re-firing itself never returns on its own).
     */
    record Limits(int maxFirings, Duration timeout, ScheduledExecutorService watchdog) {
    }

    CompiledRuleBase withVersion(long newVersion) {
        return new CompiledRuleBase(newVersion, checksum, sources, releaseId, container, kieBase, ruleNames);
    }

    /**
     * Runs the rules over the facts in a fresh session, recording each rule that fires; throws
     * {@link RuleDecisionStoppedException} when the limits are reached.
     */
    Decision decide(String agendaGroup, Collection<?> facts, Limits limits) {
        List<FiredRule> fired = new ArrayList<>();
        Deque<FiredRule> lastFired = new ArrayDeque<>();
        KieSession session = kieBase.newKieSession();
        AtomicBoolean timedOut = new AtomicBoolean();
        int firings;
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    FiredRule rule = new FiredRule(event.getMatch().getRule().getPackageName(), event.getMatch().getRule().getName());
                    if (fired.size() < limits.maxFirings()) {
                        fired.add(rule);
                    }
                    if (lastFired.size() == FIRED_RULES_KEPT) {
                        lastFired.removeFirst();
                    }
                    lastFired.addLast(rule);
                }
            });
            facts.forEach(session::insert);
            if (agendaGroup != null) {
                session.getAgenda().getAgendaGroup(agendaGroup).setFocus();
            }
            ScheduledFuture<?> watchdog = limits.watchdog().schedule(() -> {
                timedOut.set(true);
                session.halt();
            }, limits.timeout().toNanos(), TimeUnit.NANOSECONDS);
            try {
                firings = session.fireAllRules(limits.maxFirings());
            } finally {
                watchdog.cancel(false);
            }
        } finally {
            session.dispose();
        }
        if (timedOut.get()) {
            throw new RuleDecisionStoppedException(new Decision(version, checksum, List.copyOf(lastFired)),
                    "rule base timed out after " + limits.timeout().toMillis() + " ms (" + firings + " firings)", true);
        }
        if (firings >= limits.maxFirings()) {
            throw new RuleDecisionStoppedException(new Decision(version, checksum, List.copyOf(lastFired)),
                    "rule base fired " + firings + " rules in one decision: a rule loop", false);
        }
        return new Decision(version, checksum, fired);
    }
}
