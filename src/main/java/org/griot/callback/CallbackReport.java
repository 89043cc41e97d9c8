package org.griot.callback;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Callback figures per queue over a period, for supervisors now and the reporting work later:
 * requested, served, not reached, merged, expired, still open; success rate (served / finished);
 * time to callback (from the request to the customer answering), average and 90th percentile.
 */
@Service
public class CallbackReport {

    public record QueueLine(String queue, int requested, int served, int failed, int merged, int expired, int open,
            int voicemails, Double averageMinutesToCallback, Double p90MinutesToCallback) {

        /** Served among the requests that ended (merged ones count as served: the customer got through). */
        public Integer successPercent() {
            int finished = served + failed + merged + expired;
            return finished == 0 ? null : Math.round(100f * (served + merged) / finished);
        }
    }

    private final JdbcClient jdbc;

    CallbackReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<QueueLine> between(Instant from, Instant to) {
        List<QueueLine> lines = jdbc.sql("""
                select queue_id, count(*) as requested,
                  sum(case when state = 'SERVED' then 1 else 0 end) as served,
                  sum(case when state = 'FAILED' then 1 else 0 end) as failed,
                  sum(case when state = 'MERGED' then 1 else 0 end) as merged,
                  sum(case when state = 'EXPIRED' then 1 else 0 end) as expired,
                  sum(case when state = 'OPEN' then 1 else 0 end) as still_open,
                  sum(case when origin = 'VOICEMAIL' then 1 else 0 end) as voicemails,
                  avg(case when served_at is not null then timestampdiff(second, requested_at, served_at) end) / 60 as avg_minutes
                from callback_request where requested_at >= ? and requested_at < ? group by queue_id order by queue_id""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new QueueLine(rs.getString("queue_id"), rs.getInt("requested"), rs.getInt("served"),
                        rs.getInt("failed"), rs.getInt("merged"), rs.getInt("expired"), rs.getInt("still_open"),
                        rs.getInt("voicemails"), rs.getObject("avg_minutes") == null ? null : rs.getDouble("avg_minutes"), null))
                .list();
        return lines.stream().map(line -> new QueueLine(line.queue(), line.requested(), line.served(), line.failed(),
                line.merged(), line.expired(), line.open(), line.voicemails(), line.averageMinutesToCallback(),
                p90(line.queue(), from, to))).toList();
    }

    private Double p90(String queue, Instant from, Instant to) {
        List<Long> seconds = jdbc.sql("""
                select timestampdiff(second, requested_at, served_at) from callback_request
                where queue_id = ? and requested_at >= ? and requested_at < ? and served_at is not null order by 1""")
                .params(queue, Timestamp.from(from), Timestamp.from(to)).query(Long.class).list();
        if (seconds.isEmpty()) {
            return null;
        }
        return seconds.get(Math.min(seconds.size() - 1, (int) Math.ceil(seconds.size() * 0.9) - 1)) / 60.0;
    }
}
