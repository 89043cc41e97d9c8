package org.griot.ivr.selfcare;

import java.util.Objects;

/**
 * The outcome of one self-care lookup. The IVR reads {@code Found}, tells the caller it does not
 * know the number on {@code NotFound}, and apologises and offers an agent on {@code Unavailable}.
 */
public sealed interface LookupResult<T> {

    record Found<T>(T value) implements LookupResult<T> {
        public Found {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The back end answered: no such subscriber (or no such account), or the number is not a Benin MSISDN. */
    record NotFound<T>() implements LookupResult<T> {
    }

    /**
     * The back end did not answer usefully in time: timeout, connection refused, 5xx, malformed
     * answer, or the circuit breaker is open ({@code circuitOpen}: failed at once, nothing was sent).
     */
    record Unavailable<T>(String reason, boolean circuitOpen) implements LookupResult<T> {
        public Unavailable {
            reason = reason == null || reason.isBlank() ? "unavailable" : reason;
        }
    }

    static <T> LookupResult<T> found(T value) {
        return new Found<>(value);
    }

    static <T> LookupResult<T> notFound() {
        return new NotFound<>();
    }

    static <T> LookupResult<T> unavailable(String reason) {
        return new Unavailable<>(reason, false);
    }

    static <T> LookupResult<T> circuitOpen(String reason) {
        return new Unavailable<>(reason, true);
    }
}
