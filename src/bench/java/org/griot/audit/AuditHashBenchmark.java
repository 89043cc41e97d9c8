package org.griot.audit;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The CPU cost of chaining one audit event (verification of N events costs N of these plus the read). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuditHashBenchmark {

    private final Instant at = Instant.parse("2026-11-25T10:15:30.123456Z");

    @Benchmark
    public String hashOneEvent() {
        return AuditHasher.hash(42, at, "supervisor", AuditAction.USER_ROLES_CHANGED, "user:agent17", "10.20.30.40",
                "username=agent17, roles=[AGENT]", "username=agent17, roles=[AGENT, SUPERVISOR]", AuditEvent.Outcome.SUCCESS,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    private final AuditKey key = AuditKey.of("benchmark-audit-key-0123456789-abcdefghij");

    /** What Griot does per event since ADR 0013: the same encoding, HMAC-SHA256 with the audit key. */
    @Benchmark
    public String keyedHashOneEvent() {
        return AuditHasher.keyedHash(key, 42, at, "supervisor", AuditAction.USER_ROLES_CHANGED, "user:agent17",
                "10.20.30.40", "username=agent17, roles=[AGENT]", "username=agent17, roles=[AGENT, SUPERVISOR]",
                AuditEvent.Outcome.SUCCESS, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }
}
