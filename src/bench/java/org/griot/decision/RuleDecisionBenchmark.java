package org.griot.decision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.griot.sample.TriageRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One rule decision as the rules host runs it (fresh session, listener recording fired rules), over
 * the shipped rules folder; and the build of a rule base (the cost of a hot reload).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RuleDecisionBenchmark {

    /** The host's defaults: 10,000 firings, 200 ms, one watchdog thread (a daemon: the fork exits without shutting it down). */
    private static final CompiledRuleBase.Limits LIMITS = new CompiledRuleBase.Limits(10_000, java.time.Duration.ofMillis(200),
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "bench-rules-watchdog");
                thread.setDaemon(true);
                return thread;
            }));
    private final RuleBaseCompiler compiler = new RuleBaseCompiler(RuleVocabulary.scan("org.griot"),
            new CompiledRuleBase.Limits(10_000, java.time.Duration.ofSeconds(10), LIMITS.watchdog()));
    private final RuleSafetyCheck safetyCheck = new RuleSafetyCheck(RuleVocabulary.scan("org.griot"));
    private SortedMap<String, String> sources;
    private CompiledRuleBase ruleBase;

    @Setup(Level.Trial)
    public void build() throws Exception {
        sources = new TreeMap<>();
        Path root = Path.of("rules");
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                sources.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        ruleBase = compiler.compile(1, sources);
    }

    @Benchmark
    public Decision decideVip() {
        return ruleBase.decide(null, List.of(new TriageRequest("22997000001", "VIP")), LIMITS);
    }

    @Benchmark
    public Decision decideStandard() {
        return ruleBase.decide(null, List.of(new TriageRequest("22997000002", "STANDARD")), LIMITS);
    }

    /** The vocabulary check alone (ADR 0012), over the shipped rules: what it adds to every build. */
    @Benchmark
    public java.util.List<RuleMessage> checkShippedRules() {
        return safetyCheck.check(sources);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public CompiledRuleBase rebuildRuleBase() {
        CompiledRuleBase rebuilt = compiler.compile(2, sources);
        compiler.release(rebuilt);
        return rebuilt;
    }
}
