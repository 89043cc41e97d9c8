package org.griot.ivr.selfcare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.griot.ivr.selfcare.CircuitBreaker.State;
import org.junit.jupiter.api.Test;

class CircuitBreakerTests {

    static final Duration COOL_DOWN = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    CircuitBreaker breaker(int threshold, int window, double ratio) {
        return new CircuitBreaker(threshold, window, ratio, COOL_DOWN, clock);
    }

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresAndThenRefusesCalls() {
        CircuitBreaker breaker = breaker(3, 100, 1.0);
        for (int i = 0; i < 2; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onFailure();
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        clock.advance(COOL_DOWN.minusMillis(1));
        assertThat(breaker.tryAcquire()).as("still cooling down").isFalse();
    }

    @Test
    void aSuccessResetsTheConsecutiveCount() {
        CircuitBreaker breaker = breaker(3, 100, 1.0);
        for (int round = 0; round < 5; round++) {
            breaker.tryAcquire();
            breaker.onFailure();
            breaker.tryAcquire();
            breaker.onFailure();
            breaker.tryAcquire();
            breaker.onSuccess();
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void opensWhenTheFailureRatioOfAFullWindowIsReachedEvenWithoutConsecutiveFailures() {
        CircuitBreaker breaker = breaker(5, 10, 0.5);
        // failure, success, failure, success... never two failures in a row
        for (int i = 0; i < 9; i++) {
            breaker.tryAcquire();
            if (i % 2 == 0) {
                breaker.onFailure();
            } else {
                breaker.onSuccess();
            }
        }
        assertThat(breaker.state()).as("window not full yet: 5 failures in 9").isEqualTo(State.CLOSED);
        breaker.tryAcquire();
        breaker.onSuccess();
        assertThat(breaker.state()).as("5 failures in 10, but the last outcome a success").isEqualTo(State.CLOSED);
        breaker.tryAcquire();
        breaker.onFailure(); // window now: 5 failures of the last 10, with this one
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void afterTheCoolDownOneTrialCallPassesAndItsSuccessCloses() {
        CircuitBreaker breaker = openBreaker();
        clock.advance(COOL_DOWN);

        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).as("the trial").isTrue();
        assertThat(breaker.tryAcquire()).as("a second caller while the trial runs").isFalse();
        breaker.onSuccess();

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aFailedTrialOpensForAnotherFullCoolDown() {
        CircuitBreaker breaker = openBreaker();
        clock.advance(COOL_DOWN);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        clock.advance(COOL_DOWN.minusSeconds(1));
        assertThat(breaker.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void afterClosingTheCountsStartAfresh() {
        CircuitBreaker breaker = openBreaker();
        clock.advance(COOL_DOWN);
        breaker.tryAcquire();
        breaker.onSuccess();

        breaker.tryAcquire();
        breaker.onFailure();
        breaker.tryAcquire();
        breaker.onFailure();
        assertThat(breaker.state()).as("2 failures after closing, threshold 3").isEqualTo(State.CLOSED);
    }

    @Test
    void aLateFailureOfACallStartedBeforeOpeningChangesNothing() {
        CircuitBreaker breaker = openBreaker();
        clock.advance(COOL_DOWN.minusSeconds(10));
        breaker.onFailure();
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.state()).as("the cool-down was not restarted").isEqualTo(State.HALF_OPEN);
    }

    @Test
    void refusesNonsenseSettings() {
        assertThatThrownBy(() -> breaker(0, 10, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> breaker(3, 10, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircuitBreaker(3, 10, 0.5, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private CircuitBreaker openBreaker() {
        CircuitBreaker breaker = breaker(3, 100, 1.0);
        for (int i = 0; i < 3; i++) {
            breaker.tryAcquire();
            breaker.onFailure();
        }
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        return breaker;
    }
}
