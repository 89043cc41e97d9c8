package org.griot.routing;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Opening hours written the way supervisors say them: {@code "Mon-Fri 08:00-20:00; Sat 08:00-13:00"}
 * (days Mon..Sun, ranges or single days, several periods separated by ";", 24:00 for midnight).
 */
public final class BusinessHours {

    public static final BusinessHours ALWAYS = new BusinessHours("Mon-Sun 00:00-24:00", List.of(
            new Period(EnumSet.allOf(DayOfWeek.class), LocalTime.MIN, null)));

    private record Period(Set<DayOfWeek> days, LocalTime from, LocalTime until) {
        boolean contains(DayOfWeek day, LocalTime time) {
            return days.contains(day) && !time.isBefore(from) && (until == null || time.isBefore(until));
        }
    }

    private final String text;
    private final List<Period> periods;

    private BusinessHours(String text, List<Period> periods) {
        this.text = text;
        this.periods = periods;
    }

    public static BusinessHours parse(String text) {
        List<Period> periods = new ArrayList<>();
        for (String part : text.split(";")) {
            String period = part.trim();
            if (period.isEmpty()) {
                continue;
            }
            String[] dayAndTime = period.split("\\s+");
            if (dayAndTime.length != 2) {
                throw new IllegalArgumentException("Business hours '" + period + "': expected days and hours, e.g. Mon-Fri 08:00-20:00");
            }
            String[] times = dayAndTime[1].split("-");
            if (times.length != 2) {
                throw new IllegalArgumentException("Business hours '" + period + "': hours are from-until, e.g. 08:00-20:00");
            }
            LocalTime from = time(times[0], period);
            LocalTime until = "24:00".equals(times[1]) ? null : time(times[1], period);
            if (until != null && !until.isAfter(from)) {
                throw new IllegalArgumentException("Business hours '" + period + "': the end must be after the start");
            }
            periods.add(new Period(days(dayAndTime[0], period), from, until));
        }
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("Business hours are empty");
        }
        return new BusinessHours(text.trim(), List.copyOf(periods));
    }

    public boolean isOpen(ZonedDateTime at) {
        return periods.stream().anyMatch(p -> p.contains(at.getDayOfWeek(), at.toLocalTime()));
    }

    @Override
    public String toString() {
        return text;
    }

    private static Set<DayOfWeek> days(String spec, String period) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : spec.split(",")) {
            String[] range = item.split("-");
            DayOfWeek first = day(range[0], period);
            DayOfWeek last = range.length > 1 ? day(range[1], period) : first;
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String name, String period) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().substring(0, 3).equalsIgnoreCase(name.trim())) {
                return day;
            }
        }
        String known = "Mon Tue Wed Thu Fri Sat Sun";
        throw new IllegalArgumentException("Business hours '" + period + "': unknown day '" + name + "' (" + known.toLowerCase(Locale.ROOT) + ")");
    }

    private static LocalTime time(String value, String period) {
        try {
            return LocalTime.parse(value.length() == 4 ? "0" + value : value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("Business hours '" + period + "': '" + value + "' is not a time like 08:00");
        }
    }
}
