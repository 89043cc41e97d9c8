package org.griot.ivr.selfcare;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One past call of the subscriber: when, with whom, how long, what it cost (XOF). */
public record CallRecord(Instant startedAt, String otherNumber, Duration duration, long costXof) {

    public CallRecord {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        otherNumber = otherNumber == null ? "" : otherNumber;
    }
}
