package org.griot.ivr;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What Griot remembers of a calling number: the language chosen once (the IVR then greets in it and
 * skips the language menu), the channel last used with an agent (e.g. WHATSAPP: that caller is
 * routed to that channel's team), and the segment imported from the operator (VIP, GOLD...).
 */
@Component
public class CallerMemory {

    private final JdbcClient jdbc;
    private final Clock clock;

    CallerMemory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<String> preferredLanguage(String callerNumber) {
        return jdbc.sql("select preferred_language from caller_profile where caller_number = ?").param(callerNumber)
                .query(String.class).optional();
    }

    public Optional<String> lastAgentChannel(String callerNumber) {
        return jdbc.sql("select last_agent_channel from caller_profile where caller_number = ?").param(callerNumber)
                .query(String.class).optional();
    }

    public Optional<String> segment(String callerNumber) {
        return jdbc.sql("select segment from caller_segment where caller_number = ?").param(callerNumber)
                .query(String.class).optional();
    }

    public void rememberLanguage(String callerNumber, String language) {
        remember(callerNumber, "preferred_language", language);
    }

    public void rememberAgentChannel(String callerNumber, String channel) {
        remember(callerNumber, "last_agent_channel", channel);
    }

    /** One statement, safe when two calls from the same number arrive together (MariaDB upsert). */
    private void remember(String callerNumber, String column, String value) {
        jdbc.sql("insert into caller_profile (caller_number, " + column + ", updated_at) values (?, ?, ?) "
                + "on duplicate key update " + column + " = values(" + column + "), updated_at = values(updated_at)")
                .params(callerNumber, value, Timestamp.from(clock.instant())).update();
    }
}
