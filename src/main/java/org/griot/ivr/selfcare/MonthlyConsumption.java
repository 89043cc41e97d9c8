package org.griot.ivr.selfcare;

import java.time.Duration;
import java.time.YearMonth;
import java.util.Objects;

/** What the subscriber's calls of one month add up to. */
public record MonthlyConsumption(YearMonth month, int calls, Duration totalDuration, long totalCostXof) {

    public MonthlyConsumption {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(totalDuration, "totalDuration");
    }
}
