package org.griot.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.griot.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Callback figures per queue: requested, served, success rate, time to callback; the supervisors' page. */
class CallbackReportIntegrationTests extends IntegrationTest {

    @Autowired
    CallbackReport report;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Test
    void figuresCountEachOutcomeAndTimeTheCallbacks() throws Exception {
        Instant day = Instant.parse("2026-03-10T09:00:00Z");
        row("report-q", "SERVED", "WAIT_OFFER", day, day.plus(4, ChronoUnit.MINUTES));
        row("report-q", "SERVED", "VOICEMAIL", day, day.plus(10, ChronoUnit.MINUTES));
        row("report-q", "FAILED", "UPFRONT", day, null);
        row("report-q", "MERGED", "WAIT_OFFER", day, null);
        row("report-q", "OPEN", "MENU", day, null);
        row("report-q", "SERVED", "MENU", day.minus(2, ChronoUnit.DAYS), day); // outside the period

        var line = report.between(day.minus(1, ChronoUnit.HOURS), day.plus(1, ChronoUnit.DAYS)).stream()
                .filter(l -> l.queue().equals("report-q")).findFirst().orElseThrow();

        assertThat(line.requested()).isEqualTo(5);
        assertThat(line.served()).isEqualTo(2);
        assertThat(line.failed()).isEqualTo(1);
        assertThat(line.merged()).isEqualTo(1);
        assertThat(line.open()).isEqualTo(1);
        assertThat(line.voicemails()).isEqualTo(1);
        assertThat(line.successPercent()).isEqualTo(75); // (2 served + 1 merged) of 4 finished
        assertThat(line.averageMinutesToCallback()).isEqualTo(7.0);
        assertThat(line.p90MinutesToCallback()).isEqualTo(10.0);

        mvc.perform(get("/callbacks").param("from", "2026-03-10").param("to", "2026-03-10").with(user("sup").roles("SUPERVISOR")))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("figures-report-q")))
                .andExpect(content().string(Matchers.containsString("75 %")));
        mvc.perform(get("/callbacks").with(user("a").roles("AGENT"))).andExpect(status().isForbidden());
    }

    private void row(String queue, String state, String origin, Instant requested, Instant served) {
        jdbc.sql("""
                insert into callback_request (number, queue_id, origin, waiting_since, requested_at, state, served_at)
                values ('22990000000', ?, ?, ?, ?, ?, ?)""")
                .params(queue, origin, Timestamp.from(requested), Timestamp.from(requested), state,
                        served == null ? null : Timestamp.from(served))
                .update();
    }
}
