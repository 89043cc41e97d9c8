package org.griot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The callback windows offered on the phone, in Benin time (UTC+1). */
class CallbackWindowsTests {

    static final ZoneId BENIN = ZoneId.of("Africa/Porto-Novo");

    @Test
    void asSoonAsPossibleHasNoWindow() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 26, 9, 30, 0, 0, BENIN);
        assertThat(CallbackWindows.forKey("1", now)).isEmpty();
        assertThat(CallbackWindows.forKey("", now)).isEmpty();
        assertThat(CallbackWindows.forKey("9", now)).isEmpty();
    }

    @Test
    void lunchtimeIsTodayUntilItIsOverThenTomorrow() {
        ZonedDateTime morning = ZonedDateTime.of(2026, 11, 26, 9, 30, 0, 0, BENIN);
        ZonedDateTime during = ZonedDateTime.of(2026, 11, 26, 13, 0, 0, 0, BENIN);
        ZonedDateTime evening = ZonedDateTime.of(2026, 11, 26, 19, 0, 0, 0, BENIN);

        assertThat(CallbackWindows.forKey("2", morning)).hasValue(new CallbackWindows.Window(
                Instant.parse("2026-11-26T11:00:00Z"), Instant.parse("2026-11-26T13:00:00Z")));
        assertThat(CallbackWindows.forKey("2", during).orElseThrow().start()).isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
        assertThat(CallbackWindows.forKey("2", evening).orElseThrow().start()).isEqualTo(Instant.parse("2026-11-27T11:00:00Z"));
    }

    @Test
    void eveningAndTomorrowMorning() {
        ZonedDateTime late = ZonedDateTime.of(2026, 11, 26, 21, 30, 0, 0, BENIN);
        assertThat(CallbackWindows.forKey("3", late)).hasValue(new CallbackWindows.Window(
                Instant.parse("2026-11-27T17:00:00Z"), Instant.parse("2026-11-27T20:00:00Z")));
        assertThat(CallbackWindows.forKey("4", late)).hasValue(new CallbackWindows.Window(
                Instant.parse("2026-11-27T07:00:00Z"), Instant.parse("2026-11-27T11:00:00Z")));
    }
}
