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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
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
     * The watchdog halts only a decision that has fired at least this many rules: one that fired a
     * handful in its time is slow (a cold JVM loading a consequence's class, a loaded machine, a GC
     * pause), not looping, and halting it would only send a caller to the fallback. Real decisions
     * fire a few rules; a loop fires thousands.
     */
    static final int MIN_FIRINGS_TO_TIME_OUT = 100;

    /**
     * The bounds of one decision: {@code maxFirings} firings, {@code timeout} of firing, enforced by a
     * watchdog thread that halts the session (a rule re-firing itself never returns on its own) once
     * it has fired at least {@link #MIN_FIRINGS_TO_TIME_OUT} rules.
     */
    record Limits(int maxFirings, Duration timeout, ScheduledExecutorService watchdog) {
    }

    /** Runs {@code halt} at each deadline until it says it halted or the decision is over. */
    private static final class Watchdog {
        private final Limits limits;
        private final BooleanSupplier halt;
        private volatile boolean cancelled;
        private volatile ScheduledFuture<?> next;

        Watchdog(Limits limits, BooleanSupplier halt) {
            this.limits = limits;
            this.halt = halt;
            schedule();
        }

        private void schedule() {
            next = limits.watchdog().schedule(() -> {
                if (!cancelled && !halt.getAsBoolean() && !cancelled) {
                    schedule();
                }
            }, limits.timeout().toNanos(), TimeUnit.NANOSECONDS);
        }

        void cancel() {
            cancelled = true;
            next.cancel(false);
        }
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
        AtomicInteger firedSoFar = new AtomicInteger();
        int firings;
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    firedSoFar.incrementAndGet();
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
            Watchdog watchdog = new Watchdog(limits, () -> {
                if (firedSoFar.get() < MIN_FIRINGS_TO_TIME_OUT) {
                    return false; // slow, not looping: look again one timeout later
                }
                timedOut.set(true);
                session.halt();
                return true;
            });
            try {
                firings = session.fireAllRules(limits.maxFirings());
            } finally {
                watchdog.cancel();
            }
        } finally {
            session.dispose();
        }
        if (timedOut.get()) {
            throw new RuleDecisionStoppedException(new Decision(version, checksum, List.copyOf(lastFired)),
                    "rule base timed out: still firing after " + limits.timeout().toMillis() + " ms (" + firings + " firings)", true);
        }
        if (firings >= limits.maxFirings()) {
            throw new RuleDecisionStoppedException(new Decision(version, checksum, List.copyOf(lastFired)),
                    "rule base fired " + firings + " rules in one decision: a rule loop", false);
        }
        return new Decision(version, checksum, fired);
    }
}
