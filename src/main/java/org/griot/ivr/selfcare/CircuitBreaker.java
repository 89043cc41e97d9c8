package org.griot.ivr.selfcare;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A small circuit breaker, so a slow or dead back end costs callers an apology, not a wait.
 *
 * <ul>
 *   <li>CLOSED: calls pass. It opens after {@code failureThreshold} consecutive failures, or when
 *       the last {@code windowSize} outcomes hold at least {@code failureRatio} failures (a back end
 *       failing every other call never reaches the consecutive count).</li>
 *   <li>OPEN: calls are refused at once, for {@code openDuration}.</li>
 *   <li>HALF_OPEN: after the cool-down, exactly one trial call passes (others are refused); its
 *       success closes the breaker and clears the counts, its failure opens it for another cool-down.</li>
 * </ul>
 * Synchronized: the critical sections are a few field updates, never the call itself.
 */
final class CircuitBreaker {

    enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    private final int failureThreshold;
    private final double failureRatio;
    private final Duration openDuration;
    private final Clock clock;
    // Ring of the last outcomes (true = failure) for the ratio rule.
    private final boolean[] window;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private int windowNext;
    private int windowCount;
    private int windowFailures;
    private Instant openedAt;
    private boolean trialInFlight;

    CircuitBreaker(int failureThreshold, int windowSize, double failureRatio, Duration openDuration, Clock clock) {
        if (failureThreshold < 1 || windowSize < 1 || failureRatio <= 0 || failureRatio > 1
                || openDuration.isNegative() || openDuration.isZero()) {
            throw new IllegalArgumentException("breaker: threshold >= 1, window >= 1, 0 < ratio <= 1, open duration > 0");
        }
        this.failureThreshold = failureThreshold;
        this.failureRatio = failureRatio;
        this.openDuration = openDuration;
        this.clock = clock;
        this.window = new boolean[windowSize];
    }

    /** True when the caller may make the call, and must then report {@link #onSuccess()} or {@link #onFailure()}. */
    synchronized boolean tryAcquire() {
        coolDownIfDue();
        switch (state) {
            case CLOSED:
                return true;
            case HALF_OPEN:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
            default:
                return false;
        }
    }

    synchronized void onSuccess() {
        if (state == State.HALF_OPEN) {
            close();
            return;
        }
        consecutiveFailures = 0;
        record(false);
    }

    synchronized void onFailure() {
        if (state == State.HALF_OPEN) {
            open();
            return;
        }
        if (state == State.OPEN) {
            return; // a call that started before the breaker opened; it changes nothing
        }
        consecutiveFailures++;
        record(true);
        boolean ratioReached = windowCount == window.length && windowFailures >= failureRatio * window.length;
        if (consecutiveFailures >= failureThreshold || ratioReached) {
            open();
        }
    }

    /** The state now (an elapsed cool-down reads as HALF_OPEN). */
    synchronized State state() {
        coolDownIfDue();
        return state;
    }

    private void coolDownIfDue() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openDuration))) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
    }

    private void record(boolean failure) {
        if (windowCount == window.length && window[windowNext]) {
            windowFailures--;
        }
        window[windowNext] = failure;
        if (failure) {
            windowFailures++;
        }
        windowNext = (windowNext + 1) % window.length;
        windowCount = Math.min(windowCount + 1, window.length);
    }

    private void open() {
        state = State.OPEN;
        openedAt = clock.instant();
        trialInFlight = false;
    }

    private void close() {
        state = State.CLOSED;
        trialInFlight = false;
        consecutiveFailures = 0;
        windowNext = 0;
        windowCount = 0;
        windowFailures = 0;
        Arrays.fill(window, false);
    }
}
