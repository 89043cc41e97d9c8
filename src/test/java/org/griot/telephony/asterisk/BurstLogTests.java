package org.griot.telephony.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A flood of refusals is logged as its first refusal and one summary once quiet. */
class BurstLogTests {

    final List<String> lines = new ArrayList<>();
    final BurstLog log = new BurstLog("FastAGI connection", Duration.ofSeconds(10), lines::add);
    final Instant t0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aBurstIsTheFirstRefusalThenOneSummaryWithCountsReasonsAndSources() {
        for (int i = 0; i < 1000; i++) {
            log.refused(t0.plusMillis(i), "127.0.0." + (2 + i % 7), i % 2 == 0 ? "SOURCE_LIMIT" : "HEADER_TIMEOUT");
        }
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("refused from 127.0.0.2 (SOURCE_LIMIT)");

        log.tick(t0.plusSeconds(5));
        assertThat(lines).hasSize(1);
        assertThat(log.inBurst()).isTrue();

        log.tick(t0.plusMillis(999).plusSeconds(10));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("1000 refused in 999 ms", "HEADER_TIMEOUT=500", "SOURCE_LIMIT=500",
                "127.0.0.2 ×143", "and 2 more source(s)");
        assertThat(log.inBurst()).isFalse();
        log.tick(t0.plusSeconds(60));
        assertThat(lines).hasSize(2);
    }

    @Test
    void aRefusalAfterAQuietPeriodStartsANewBurstAfterSummingUpTheOldOne() {
        log.refused(t0, "10.0.0.1", "POOL_FULL");
        log.refused(t0.plusSeconds(9), "10.0.0.1", "POOL_FULL");
        log.refused(t0.plusSeconds(30), "10.0.0.2", "NOT_ALLOWED");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("refused from 10.0.0.1 (POOL_FULL)");
        assertThat(lines.get(1)).contains("2 refused in 9000 ms", "POOL_FULL=2", "10.0.0.1 ×2");
        assertThat(lines.get(2)).contains("refused from 10.0.0.2 (NOT_ALLOWED)");
    }
}
