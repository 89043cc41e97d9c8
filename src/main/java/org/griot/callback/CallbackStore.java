package org.griot.callback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The callback_request table. */
@Repository
class CallbackStore {

    private final JdbcClient jdbc;

    CallbackStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String number, String callerNumber, String queue, CallbackRequest.Origin origin, String language,
            Instant waitingSince, Instant windowStart, Instant windowEnd, String recording) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into callback_request (number, caller_number, queue_id, origin, language, waiting_since, requested_at,
                window_start, window_end, recording, state) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                .params(number, callerNumber, queue, origin.name(), language, ts(waitingSince), ts(Instant.now()),
                        ts(windowStart), ts(windowEnd), recording)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void processStarted(long id, String processInstanceId) {
        jdbc.sql("update callback_request set process_instance_id = ? where id = ?").params(processInstanceId, id).update();
    }

    int attempted(long id) {
        jdbc.sql("update callback_request set attempts = attempts + 1 where id = ?").param(id).update();
        return jdbc.sql("select attempts from callback_request where id = ?").param(id).query(Integer.class).single();
    }

    void lastAttempt(long id, String outcome, String agentId, Instant servedAt) {
        jdbc.sql("update callback_request set outcome = ?, agent_id = coalesce(?, agent_id), served_at = coalesce(?, served_at) where id = ?")
                .params(outcome, agentId, ts(servedAt), id).update();
    }

    void finish(long id, CallbackRequest.State state, String outcome) {
        jdbc.sql("update callback_request set state = ?, outcome = coalesce(?, outcome), ended_at = ? where id = ? and state = 'OPEN'")
                .params(state.name(), outcome, ts(Instant.now()), id).update();
    }

    Optional<CallbackRequest> find(long id) {
        return jdbc.sql("select * from callback_request where id = ?").param(id).query((rs, n) -> request(rs)).optional();
    }

    List<CallbackRequest> open(String number) {
        return jdbc.sql("select * from callback_request where state = 'OPEN' and (number = ? or caller_number = ?) order by id")
                .params(number, number).query((rs, n) -> request(rs)).list();
    }

    List<CallbackRequest> since(Instant since, int limit) {
        return jdbc.sql("select * from callback_request where requested_at >= ? order by requested_at desc limit ?")
                .params(ts(since), limit).query((rs, n) -> request(rs)).list();
    }

    private static CallbackRequest request(ResultSet rs) throws SQLException {
        return new CallbackRequest(rs.getLong("id"), rs.getString("number"), rs.getString("caller_number"),
                rs.getString("queue_id"), CallbackRequest.Origin.valueOf(rs.getString("origin")), rs.getString("language"),
                instant(rs, "waiting_since"), instant(rs, "requested_at"), instant(rs, "window_start"), instant(rs, "window_end"),
                rs.getString("recording"), CallbackRequest.State.valueOf(rs.getString("state")), rs.getInt("attempts"),
                rs.getString("outcome"), instant(rs, "served_at"), instant(rs, "ended_at"), rs.getString("agent_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
