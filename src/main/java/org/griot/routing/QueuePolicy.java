package org.griot.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a queue does instead of turning callers away: after how long waiting callers are offered to
 * be called back or to leave a message (0 = never), how callbacks are served (AUTOMATIC: Griot dials
 * the customer once an agent is reserved; PREVIEW: the agent reads the record and clicks to dial),
 * the delays between attempts and their number, and the queue's service mode (set by supervisors or
 * the outage playbook): NORMAL, CALLBACK_ONLY (callers are not queued, only offered a callback or a
 * message), EMERGENCY (callers hear the emergency message, then the callback offer).
 */
public record QueuePolicy(String queue, int offerAfterSeconds, CallbackMode callbackMode, List<Duration> retryDelays,
        int maxAttempts, ServiceMode serviceMode) {

    public enum CallbackMode { AUTOMATIC, PREVIEW }

    public enum ServiceMode { NORMAL, CALLBACK_ONLY, EMERGENCY }

    public QueuePolicy {
        if (offerAfterSeconds < 0 || offerAfterSeconds > 3600) {
            throw new IllegalArgumentException("Queue " + queue + ": the callback offer comes after 0 (never) to 3600 s");
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("Queue " + queue + ": 1 to 10 callback attempts");
        }
        retryDelays = List.copyOf(retryDelays);
        if (retryDelays.isEmpty() || retryDelays.stream().anyMatch(d -> d.isNegative() || d.isZero() || d.toDays() > 7)) {
            throw new IllegalArgumentException("Queue " + queue + ": retry delays are positive durations up to 7 days");
        }
    }

    public static QueuePolicy defaults(String queue) {
        return new QueuePolicy(queue, 120, CallbackMode.AUTOMATIC,
                List.of(Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30)), 3, ServiceMode.NORMAL);
    }

    /** The delay before attempt {@code attempt + 1} (the last delay repeats). */
    public Duration delayAfter(int attempt) {
        return retryDelays.get(Math.min(Math.max(attempt, 1), retryDelays.size()) - 1);
    }

    /** "PT2M,PT10M" or "2m, 10m, 1h" → durations; a clear error otherwise. */
    public static List<Duration> parseDelays(String text) {
        List<Duration> delays = new ArrayList<>();
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            try {
                if (item.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
                    delays.add(Duration.parse(item));
                } else if (item.matches("[0-9]+[smhd]")) {
                    long n = Long.parseLong(item.substring(0, item.length() - 1));
                    delays.add(switch (item.charAt(item.length() - 1)) {
                        case 's' -> Duration.ofSeconds(n);
                        case 'm' -> Duration.ofMinutes(n);
                        case 'h' -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
                } else {
                    throw new IllegalArgumentException(item);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Retry delay '" + item + "' is not a duration (e.g. 2m, 1h or PT10M)");
            }
        }
        return delays;
    }

    public String delaysText() {
        return String.join(",", retryDelays.stream().map(Duration::toString).toList());
    }
}
