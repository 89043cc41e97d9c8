package org.griot.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The ACD's durable state in MariaDB: queues, agents, contacts (the waiting ones are the queue). */
@Repository
class RoutingStore {

    private final JdbcClient jdbc;

    RoutingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ queues

    List<QueueSettings> queues() {
        return jdbc.sql("select * from acd_queue order by id").query((rs, n) -> new QueueSettings(rs.getString("id"),
                rs.getString("name"), rs.getInt("sl_percent"), rs.getInt("sl_seconds"), rs.getInt("wrap_up_seconds"),
                rs.getInt("ring_seconds"), rs.getInt("max_wait_seconds"), rs.getString("overflow_queue"),
                rs.getString("business_hours"), rs.getInt("announce_seconds"), rs.getInt("skill_level"),
                rs.getInt("relax_after_seconds"), rs.getInt("relaxed_level"))).list();
    }

    void saveQueue(QueueSettings q) {
        int updated = jdbc.sql("""
                update acd_queue set name = ?, sl_percent = ?, sl_seconds = ?, wrap_up_seconds = ?, ring_seconds = ?,
                max_wait_seconds = ?, overflow_queue = ?, business_hours = ?, announce_seconds = ?, skill_level = ?,
                relax_after_seconds = ?, relaxed_level = ?, updated_at = CURRENT_TIMESTAMP(3) where id = ?""")
                .params(q.name(), q.slPercent(), q.slSeconds(), q.wrapUpSeconds(), q.ringSeconds(), q.maxWaitSeconds(),
                        q.overflowQueue(), q.businessHours(), q.announceSeconds(), q.skillLevel(), q.relaxAfterSeconds(),
                        q.relaxedLevel(), q.id())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into acd_queue (id, name, sl_percent, sl_seconds, wrap_up_seconds, ring_seconds, max_wait_seconds,
                    overflow_queue, business_hours, announce_seconds, skill_level, relax_after_seconds, relaxed_level, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP(3))""")
                    .params(q.id(), q.name(), q.slPercent(), q.slSeconds(), q.wrapUpSeconds(), q.ringSeconds(),
                            q.maxWaitSeconds(), q.overflowQueue(), q.businessHours(), q.announceSeconds(), q.skillLevel(),
                            q.relaxAfterSeconds(), q.relaxedLevel())
                    .update();
        }
    }

    Map<String, QueuePolicy> policies() {
        Map<String, QueuePolicy> policies = new LinkedHashMap<>();
        jdbc.sql("select * from acd_queue_policy").query(rs -> {
            String queue = rs.getString("queue_id");
            policies.put(queue, new QueuePolicy(queue, rs.getInt("offer_after_seconds"),
                    QueuePolicy.CallbackMode.valueOf(rs.getString("callback_mode")),
                    QueuePolicy.parseDelays(rs.getString("retry_delays")), rs.getInt("max_attempts"),
                    QueuePolicy.ServiceMode.valueOf(rs.getString("service_mode"))));
        });
        return policies;
    }

    void savePolicy(QueuePolicy p, String by) {
        int updated = jdbc.sql("""
                update acd_queue_policy set offer_after_seconds = ?, callback_mode = ?, retry_delays = ?, max_attempts = ?,
                service_mode = ?, updated_at = CURRENT_TIMESTAMP(3), updated_by = ? where queue_id = ?""")
                .params(p.offerAfterSeconds(), p.callbackMode().name(), p.delaysText(), p.maxAttempts(), p.serviceMode().name(),
                        by, p.queue())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into acd_queue_policy (queue_id, offer_after_seconds, callback_mode, retry_delays, max_attempts,
                    service_mode, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP(3), ?)""")
                    .params(p.queue(), p.offerAfterSeconds(), p.callbackMode().name(), p.delaysText(), p.maxAttempts(),
                            p.serviceMode().name(), by)
                    .update();
        }
    }

    List<Disposition> dispositions(String queue) {
        return jdbc.sql("select * from acd_disposition where queue_id = ? order by code").param(queue)
                .query((rs, n) -> new Disposition(rs.getString("queue_id"), rs.getString("code"), rs.getString("label"))).list();
    }

    @Transactional
    void replaceDispositions(String queue, List<Disposition> dispositions) {
        jdbc.sql("delete from acd_disposition where queue_id = ?").param(queue).update();
        for (Disposition d : dispositions) {
            jdbc.sql("insert into acd_disposition (queue_id, code, label) values (?, ?, ?)").params(queue, d.code(), d.label())
                    .update();
        }
    }

    // ------------------------------------------------------------------ teams and agents

    Map<String, String> teams() {
        Map<String, String> teams = new LinkedHashMap<>();
        jdbc.sql("select id, name from acd_team order by name").query(rs -> {
            teams.put(rs.getString("id"), rs.getString("name"));
        });
        return teams;
    }

    void saveTeam(String id, String name) {
        if (jdbc.sql("update acd_team set name = ? where id = ?").params(name, id).update() == 0) {
            jdbc.sql("insert into acd_team (id, name) values (?, ?)").params(id, name).update();
        }
    }

    List<Agent> agents() {
        Map<String, Agent> agents = new LinkedHashMap<>();
        jdbc.sql("select * from acd_agent order by id").query(rs -> {
            Agent agent = new Agent(rs.getString("id"));
            agent.displayName = rs.getString("display_name");
            agent.team = rs.getString("team_id");
            agent.extension = rs.getString("extension");
            agent.state = AgentState.valueOf(rs.getString("state"));
            agent.pauseReason = rs.getString("pause_reason");
            agent.stateSince = instant(rs, "state_since");
            agent.idleSince = instant(rs, "idle_since");
            long contact = rs.getLong("contact_id");
            agent.contactId = rs.wasNull() ? null : contact;
            agents.put(agent.id, agent);
        });
        jdbc.sql("select agent_id, skill, level from acd_agent_skill").query(rs -> {
            Agent agent = agents.get(rs.getString("agent_id"));
            if (agent != null) {
                agent.skills.put(rs.getString("skill"), rs.getInt("level"));
            }
        });
        jdbc.sql("select agent_id, queue_id from acd_agent_queue").query(rs -> {
            Agent agent = agents.get(rs.getString("agent_id"));
            if (agent != null) {
                agent.queues.add(rs.getString("queue_id"));
            }
        });
        return List.copyOf(agents.values());
    }

    /** An agent's profile (name, team, skills, queues); the state columns belong to the ACD. */
    @Transactional
    void saveAgentProfile(String id, String displayName, String team, Map<String, Integer> skills, List<String> queues) {
        if (jdbc.sql("update acd_agent set display_name = ?, team_id = ? where id = ?").params(displayName, team, id).update() == 0) {
            jdbc.sql("insert into acd_agent (id, display_name, team_id, state, state_since) values (?, ?, ?, 'LOGGED_OUT', ?)")
                    .params(id, displayName, team, Timestamp.from(Instant.now())).update();
        }
        jdbc.sql("delete from acd_agent_skill where agent_id = ?").param(id).update();
        skills.forEach((skill, level) -> jdbc.sql("insert into acd_agent_skill (agent_id, skill, level) values (?, ?, ?)")
                .params(id, skill, level).update());
        jdbc.sql("delete from acd_agent_queue where agent_id = ?").param(id).update();
        queues.forEach(queue -> jdbc.sql("insert into acd_agent_queue (agent_id, queue_id) values (?, ?)").params(id, queue).update());
    }

    void saveAgent(Agent a) {
        jdbc.sql("""
                update acd_agent set extension = ?, state = ?, pause_reason = ?, state_since = ?, idle_since = ?, contact_id = ?
                where id = ?""")
                .params(a.extension, a.state.name(), a.pauseReason, ts(a.stateSince), ts(a.idleSince), a.contactId, a.id)
                .update();
    }

    // ------------------------------------------------------------------ contacts

    long insertCallback(long requestId, String number, String queue, Instant waitingSince, Instant queuedAt, String language) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into contact (channel, call_id, caller_number, queue_id, priority, skills, state, arrived_at, queued_at,
                reason, language, callback_request_id)
                values ('CALLBACK', ?, ?, ?, 5, ?, 'WAITING', ?, ?, 'callback', ?, ?)""")
                .params("callback-" + requestId, number, queue, language == null ? "" : "language:" + language, ts(waitingSince),
                        ts(queuedAt), language, requestId)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    long insertContact(String channel, String callId, String callerNumber, String queue, int priority, List<String> skills,
            Instant arrivedAt, Instant queuedAt, String reason, String explanation, String processInstanceId, String language) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into contact (channel, call_id, caller_number, queue_id, priority, skills, state, arrived_at, queued_at,
                reason, routing_explanation, process_instance_id, language)
                values (?, ?, ?, ?, ?, ?, 'WAITING', ?, ?, ?, ?, ?, ?)""")
                .params(channel, callId, callerNumber, queue, priority, String.join(",", skills), ts(arrivedAt), ts(queuedAt),
                        reason, truncate(explanation, 1024), processInstanceId, language)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void saveContact(Contact c) {
        jdbc.sql("""
                update contact set queue_id = ?, priority = ?, state = ?, queued_at = ?, answered_at = ?, ended_at = ?,
                agent_id = ?, outcome = ?, offers = ?, call_id = ?, arrived_at = ? where id = ?""")
                .params(c.queue, c.priority, c.state.name(), ts(c.queuedSince()), ts(c.answeredAt), ts(c.endedAt), c.agentId,
                        c.outcome, c.offers, c.callId, ts(c.arrivedAt), c.id)
                .update();
    }

    /** The outcome of the call's latest contact: empty when the call never had one, "" while it is open. */
    Optional<String> latestOutcome(String callId) {
        return jdbc.sql("select outcome from contact where call_id = ? order by id desc limit 1").param(callId)
                .query((rs, n) -> rs.getString(1) == null ? "" : rs.getString(1)).optional();
    }

    List<Contact> openContacts() {
        return jdbc.sql("select * from contact where state <> 'ENDED' order by arrived_at, id").query((rs, n) -> {
            Contact c = contact(rs);
            c.state = ContactState.valueOf(rs.getString("state"));
            c.answeredAt = instant(rs, "answered_at");
            c.queuedAt = instant(rs, "queued_at");
            c.agentId = rs.getString("agent_id");
            c.offers = rs.getInt("offers");
            return c;
        }).list();
    }

    /** Contacts waiting that entered their queue since {@code since} (queued by any node). */
    List<Contact> waitingSince(Instant since) {
        return jdbc.sql("select * from contact where state = 'WAITING' and queued_at >= ? order by arrived_at, id")
                .param(ts(since)).query((rs, n) -> {
                    Contact c = contact(rs);
                    c.queuedAt = instant(rs, "queued_at");
                    c.offers = rs.getInt("offers");
                    return c;
                }).list();
    }

    /** The caller's last contacts, most recent first (the screen pop's history). */
    List<ContactView> history(String callerNumber, int limit) {
        return jdbc.sql("select * from contact where caller_number = ? order by arrived_at desc, id desc limit ?")
                .params(callerNumber, limit).query((rs, n) -> view(rs)).list();
    }

    /** The contacts an agent handled last, most recent first (the desk's own history). */
    List<ContactView> handledBy(String agentId, int limit) {
        return jdbc.sql("select * from contact where agent_id = ? and state = 'ENDED' order by ended_at desc, id desc limit ?")
                .params(agentId, limit).query((rs, n) -> view(rs)).list();
    }

    java.util.Optional<ContactView> find(long id) {
        return jdbc.sql("select * from contact where id = ?").param(id).query((rs, n) -> view(rs)).optional();
    }

    int saveWrapUp(long contactId, String agentId, String disposition, String notes) {
        return jdbc.sql("update contact set disposition = ?, notes = ? where id = ? and agent_id = ?")
                .params(disposition, notes, contactId, agentId).update();
    }

    /** Contacts of a queue that reached an agent or gave up since {@code since}: the service level's figures. */
    QueueFigures figures(String queue, int slSeconds, Instant since) {
        return jdbc.sql("""
                select count(*) as offered,
                  coalesce(sum(case when answered_at is not null then 1 else 0 end), 0) as answered,
                  coalesce(sum(case when answered_at is not null and timestampdiff(microsecond, arrived_at, answered_at) <= ? * 1000000
                      then 1 else 0 end), 0) as in_target,
                  coalesce(sum(case when outcome = 'ABANDONED' then 1 else 0 end), 0) as abandoned
                from contact where queue_id = ? and arrived_at >= ?""")
                .params(slSeconds, queue, ts(since))
                .query((rs, n) -> new QueueFigures(rs.getInt("offered"), rs.getInt("answered"), rs.getInt("in_target"),
                        rs.getInt("abandoned")))
                .single();
    }

    // ------------------------------------------------------------------ dispatcher lease

    /** Takes or renews the dispatcher lease for {@code node}; false while another live node holds it. */
    boolean holdLease(String node, java.time.Duration lease) {
        // The database's clock, not the nodes': their clocks may disagree by more than a lease.
        return jdbc.sql("""
                update acd_lease set owner = ?, expires_at = CURRENT_TIMESTAMP(3) + INTERVAL ? MICROSECOND
                where name = 'dispatcher' and (owner = ? or owner is null or expires_at < CURRENT_TIMESTAMP(3))""")
                .params(node, lease.toNanos() / 1000, node).update() == 1;
    }

    void releaseLease(String node) {
        jdbc.sql("update acd_lease set owner = null, expires_at = null where name = 'dispatcher' and owner = ?").param(node).update();
    }

    // ------------------------------------------------------------------ mapping

    private static Contact contact(ResultSet rs) throws SQLException {
        String skills = rs.getString("skills");
        Contact contact = new Contact(rs.getLong("id"), rs.getString("channel"), rs.getString("call_id"), rs.getString("caller_number"),
                rs.getString("queue_id"), rs.getInt("priority"),
                skills == null || skills.isBlank() ? List.of() : Arrays.asList(skills.split(",")),
                instant(rs, "arrived_at"), rs.getString("reason"), rs.getString("routing_explanation"),
                rs.getString("process_instance_id"), rs.getString("language"));
        contact.callbackRequestId = nullableLong(rs, "callback_request_id");
        return contact;
    }

    private static ContactView view(ResultSet rs) throws SQLException {
        String skills = rs.getString("skills");
        return new ContactView(rs.getLong("id"), rs.getString("channel"), rs.getString("call_id"), rs.getString("caller_number"),
                rs.getString("queue_id"), rs.getInt("priority"),
                skills == null || skills.isBlank() ? List.of() : Arrays.asList(skills.split(",")),
                ContactState.valueOf(rs.getString("state")), instant(rs, "arrived_at"), instant(rs, "answered_at"),
                instant(rs, "ended_at"), rs.getString("agent_id"), rs.getString("reason"), rs.getString("routing_explanation"),
                rs.getString("process_instance_id"), rs.getString("language"), rs.getString("outcome"),
                rs.getString("disposition"), rs.getString("notes"), nullableLong(rs, "callback_request_id"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
