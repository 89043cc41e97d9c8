package org.griot.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.griot.sample.TriageRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A rule base that re-fires forever is stopped by the firing limit or by the watchdog, whichever comes first. */
class RuleDecisionLimitsTests {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor();
    private static final RuleBaseCompiler COMPILER = new RuleBaseCompiler(RuleVocabulary.of(TriageRequest.class),
            new CompiledRuleBase.Limits(2_000, Duration.ofSeconds(30), WATCHDOG));
    private static CompiledRuleBase ruleBase;

    @BeforeAll
    static void build() {
        SortedMap<String, String> sources = new TreeMap<>();
        sources.put("griot/sample/loop.drl", """
                package griot.sample;
                import org.griot.sample.TriageRequest;

                rule "Endless: the priority only grows"
                when
                    $r : TriageRequest(priority >= 1)
                then
                    modify($r) { setPriority($r.getPriority() + 1) }
                end

                rule "Ordinary"
                when
                    $r : TriageRequest(priority == 0, segment == "STANDARD")
                then
                    modify($r) { setQueue("general") }
                end
                """);
        ruleBase = COMPILER.compile(7, sources);
    }

    @AfterAll
    static void release() {
        COMPILER.release(ruleBase);
        WATCHDOG.shutdownNow();
    }

    private static TriageRequest looping() {
        TriageRequest request = new TriageRequest("22997000003", "VIP");
        request.setPriority(1);
        return request;
    }

    @Test
    void theWatchdogStopsADecisionThatFiresForTooLong() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> ruleBase.decide(null, List.of(looping()),
                new CompiledRuleBase.Limits(Integer.MAX_VALUE, Duration.ofMillis(100), WATCHDOG)))
                .isInstanceOfSatisfying(RuleDecisionStoppedException.class, e -> {
                    assertThat(e.reason()).startsWith("rule base timed out: still firing after 100 ms");
                    assertThat(e.decision().ruleBaseVersion()).isEqualTo(7);
                    assertThat(e.decision().firedRules()).isNotEmpty().hasSizeLessThanOrEqualTo(CompiledRuleBase.FIRED_RULES_KEPT)
                            .allSatisfy(r -> assertThat(r.name()).isEqualTo("Endless: the priority only grows"));
                });
        // Not a timing assertion on Griot's speed: only that the halt came, long before a test timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void theFiringLimitStopsARuleLoop() {
        assertThatThrownBy(() -> ruleBase.decide(null, List.of(looping()),
                new CompiledRuleBase.Limits(500, Duration.ofMinutes(5), WATCHDOG)))
                .isInstanceOfSatisfying(RuleDecisionStoppedException.class,
                        e -> assertThat(e.reason()).isEqualTo("rule base fired 500 rules in one decision: a rule loop"));
    }

    @Test
    void aRuleBaseThatLoopsOnEmptyFactsIsRefusedWhenItIsBuilt() {
        SortedMap<String, String> sources = new TreeMap<>();
        sources.put("griot/sample/obvious-loop.drl", """
                package griot.sample;
                import org.griot.sample.TriageRequest;

                // Loops for every caller: priority starts at 0.
                rule "Obvious loop"
                when
                    $r : TriageRequest(priority >= 0)
                then
                    modify($r) { setPriority($r.getPriority() + 1) }
                end
                """);
        assertThatThrownBy(() -> COMPILER.compile(8, sources)).isInstanceOfSatisfying(RuleBaseRejectedException.class, e -> {
            assertThat(e.errors()).hasSize(1);
            RuleMessage loop = e.errors().get(0);
            assertThat(loop.file()).isEqualTo("griot/sample/obvious-loop.drl");
            assertThat(loop.line()).isEqualTo(5);
            assertThat(loop.text()).contains("rule \"Obvious loop\" never stop on a TriageRequest", "a rule loop");
        });
    }

    @Test
    void aDecisionWithinTheLimitsReturnsItsFiredRules() {
        TriageRequest standard = new TriageRequest("22997000004", "STANDARD");
        Decision decision = ruleBase.decide(null, List.of(standard), new CompiledRuleBase.Limits(500, Duration.ofSeconds(5), WATCHDOG));
        assertThat(decision.firedRules()).containsExactly(new FiredRule("griot.sample", "Ordinary"));
        assertThat(standard.getQueue()).isEqualTo("general");
    }
}
