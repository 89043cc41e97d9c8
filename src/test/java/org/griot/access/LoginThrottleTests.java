package org.griot.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofMinutes(15), 1000);

    @Test
    void delaysGrowAfterTheFreeFailuresAndAreCapped() {
        assertThat(throttle.delayAfter(1)).isZero();
        assertThat(throttle.delayAfter(3)).isZero();
        assertThat(throttle.delayAfter(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.delayAfter(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.delayAfter(6)).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.delayAfter(10)).isEqualTo(Duration.ofSeconds(60));
        assertThat(throttle.delayAfter(1_000_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void attemptsInsideTheWaitAreRefusedAndDoNotCount() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.check("admin", "10.0.0.66", t0)).isEmpty();
            throttle.failed("admin", "10.0.0.66", t0);
        }
        var first = throttle.check("admin", "10.0.0.66", t0.plusMillis(500));
        assertThat(first).hasValueSatisfying(r -> {
            assertThat(r.retryAfter()).isEqualTo(Duration.ofMillis(500));
            assertThat(r.first()).isTrue();
        });
        assertThat(throttle.check("admin", "10.0.0.66", t0.plusMillis(600))).hasValueSatisfying(r -> assertThat(r.first()).isFalse());
        assertThat(throttle.check("admin", "10.0.0.66", t0.plusSeconds(1))).isEmpty();
        // The fifth failure (the refused attempts did not count) waits 2 s.
        assertThat(throttle.failed("admin", "10.0.0.66", t0.plusSeconds(1))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anotherSourceOfTheSameAccountIsNotSlowedByAFlood() {
        for (int i = 0; i < 50; i++) {
            throttle.failed("admin", "203.0.113.9", t0.plusSeconds(i * 61L));
        }
        assertThat(throttle.check("admin", "203.0.113.9", t0.plusSeconds(49 * 61L + 1))).isPresent();
        assertThat(throttle.check("admin", "192.168.1.10", t0.plusSeconds(49 * 61L + 1))).isEmpty();
        assertThat(throttle.check("agent", "203.0.113.9", t0.plusSeconds(49 * 61L + 1))).isEmpty();
    }

    @Test
    void aSuccessForgetsTheFailuresOfItsSourceAndTimeForgetsTheRest() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("admin", "10.0.0.1", t0);
        }
        throttle.succeeded("admin", "10.0.0.1");
        assertThat(throttle.check("admin", "10.0.0.1", t0)).isEmpty();
        assertThat(throttle.failed("admin", "10.0.0.1", t0)).isZero();

        for (int i = 0; i < 5; i++) {
            throttle.failed("agent", "10.0.0.1", t0);
        }
        assertThat(throttle.failed("agent", "10.0.0.1", t0.plus(Duration.ofMinutes(16)))).isZero();
    }

    @Test
    void aDistributedFloodCannotGrowTheMemoryWithoutBound() {
        for (int i = 0; i < 5000; i++) {
            throttle.failed("admin", "10.0." + (i / 250) + "." + (i % 250), t0.plusMillis(i));
        }
        assertThat(throttle.size()).isLessThanOrEqualTo(1000);
        // The newest sources are kept.
        throttle.failed("admin", "10.0.19.249", t0.plusMillis(5000));
        assertThat(throttle.size()).isLessThanOrEqualTo(1000);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new LoginThrottle(3, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(1), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
