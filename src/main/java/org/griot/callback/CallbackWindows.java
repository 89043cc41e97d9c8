package org.griot.callback;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When the caller wants to be called back, as offered on the phone: 1 as soon as possible (no
 * window), 2 between 12:00 and 14:00, 3 between 18:00 and 21:00, 4 tomorrow morning (08:00-12:00); in
 * the contact centre's time zone. A window already over today is taken tomorrow.
 */
public final class CallbackWindows {

    /** A time window: the callback is not dialled before {@code start} and expires at {@code end}. */
    public record Window(Instant start, Instant end) {
    }

    private CallbackWindows() {
    }

    public static Optional<Window> forKey(String key, ZonedDateTime now) {
        return switch (key == null ? "" : key) {
            case "2" -> Optional.of(today(now, LocalTime.of(12, 0), LocalTime.of(14, 0)));
            case "3" -> Optional.of(today(now, LocalTime.of(18, 0), LocalTime.of(21, 0)));
            case "4" -> Optional.of(new Window(now.toLocalDate().plusDays(1).atTime(8, 0).atZone(now.getZone()).toInstant(),
                    now.toLocalDate().plusDays(1).atTime(12, 0).atZone(now.getZone()).toInstant()));
            default -> Optional.empty(); // 1, silence or anything else: as soon as possible
        };
    }

    private static Window today(ZonedDateTime now, LocalTime from, LocalTime until) {
        ZonedDateTime start = now.toLocalDate().atTime(from).atZone(now.getZone());
        ZonedDateTime end = now.toLocalDate().atTime(until).atZone(now.getZone());
        if (!now.isBefore(end)) {
            start = start.plusDays(1);
            end = end.plusDays(1);
        }
        return new Window(start.toInstant(), end.toInstant());
    }
}
