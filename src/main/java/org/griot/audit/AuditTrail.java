package org.griot.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only, tamper-evident audit trail. Events are chained: each stores the SHA-256 of its
 * content and of its predecessor's hash, and the chain head (last id, last hash) is kept in its own
 * row, locked while appending, so that an edited, deleted or inserted row breaks the chain and
 * {@link #verify()} names the first broken event. There is deliberately no update or delete here.
 */
@Service
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    public static final String SYSTEM_ACTOR = "system";

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records an action of the current user (or "system"), from the current request's address. */
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEvent record(String action, String target, String before, String after, AuditEvent.Outcome outcome) {
        return recordAs(currentActor(), currentRemoteAddress(), action, target, before, after, outcome);
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEvent recordAs(String actor, String remoteAddress, String action, String target, String before,
            String after, AuditEvent.Outcome outcome) {
        Map<String, Object> head = jdbc.sql("select last_event_id, last_hash from audit_chain_head where id = 1 for update")
                .query().singleRow();
        long id = ((Number) head.get("last_event_id")).longValue() + 1;
        String previousHash = (String) head.get("last_hash");
        Instant occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String safeActor = actor == null || actor.isBlank() ? SYSTEM_ACTOR : truncate(actor, 64);
        String safeTarget = truncate(target, 255);
        String safeAddress = truncate(remoteAddress, 64);
        String hash = AuditHasher.hash(id, occurredAt, safeActor, action, safeTarget, safeAddress, before, after, outcome,
                previousHash);
        jdbc.sql("""
                insert into audit_event (id, occurred_at, actor, action, target, remote_address, before_state, after_state,
                                         outcome, previous_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, LocalDateTime.ofInstant(occurredAt, ZoneOffset.UTC), safeActor, action, safeTarget, safeAddress,
                        before, after, outcome.name(), previousHash, hash)
                .update();
        jdbc.sql("update audit_chain_head set last_event_id = ?, last_hash = ? where id = 1").params(id, hash).update();
        return new AuditEvent(id, occurredAt, safeActor, action, safeTarget, safeAddress, before, after, outcome,
                previousHash, hash);
    }

    /** Walks the whole chain, records the result, and returns it. */
    @Transactional
    public AuditVerification verify() {
        ChainWalker walker = new ChainWalker();
        jdbc.sql("""
                select id, occurred_at, actor, action, target, remote_address, before_state, after_state, outcome,
                       previous_hash, hash
                from audit_event order by id""").query((RowCallbackHandler) rs -> walker.accept(AuditTrail.map(rs)));
        Map<String, Object> head = jdbc.sql("select last_event_id, last_hash from audit_chain_head where id = 1").query()
                .singleRow();
        AuditVerification result = walker.result(((Number) head.get("last_event_id")).longValue(),
                (String) head.get("last_hash"), clock.instant());
        jdbc.sql("""
                insert into audit_verification (verified_at, events_checked, intact, first_broken_event_id, problem)
                values (?, ?, ?, ?, ?)""")
                .params(java.sql.Timestamp.from(result.verifiedAt()), result.eventsChecked(), result.intact(),
                        result.firstBrokenEventId(), truncate(result.problem(), 512))
                .update();
        if (!result.intact()) {
            log.error("AUDIT TRAIL TAMPERING DETECTED at event {}: {}", result.firstBrokenEventId(), result.problem());
        }
        return result;
    }

    /** The most recent verification, if any ran. */
    public java.util.Optional<AuditVerification> lastVerification() {
        return jdbc.sql("""
                select verified_at, events_checked, intact, first_broken_event_id, problem
                from audit_verification order by id desc limit 1""")
                .query((rs, i) -> new AuditVerification(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getBoolean(3),
                        (Long) rs.getObject(4, Long.class), rs.getString(5)))
                .optional();
    }

    @PreAuthorize("hasRole('AUDITOR')")
    public List<AuditEvent> search(AuditQuery query) {
        StringBuilder sql = new StringBuilder("""
                select id, occurred_at, actor, action, target, remote_address, before_state, after_state, outcome,
                       previous_hash, hash
                from audit_event where 1 = 1""");
        List<Object> params = new ArrayList<>();
        if (query.actor() != null && !query.actor().isBlank()) {
            sql.append(" and actor = ?");
            params.add(query.actor().trim());
        }
        if (query.action() != null && !query.action().isBlank()) {
            sql.append(" and action = ?");
            params.add(query.action().trim());
        }
        if (query.from() != null) {
            sql.append(" and occurred_at >= ?");
            params.add(LocalDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        }
        if (query.to() != null) {
            sql.append(" and occurred_at < ?");
            params.add(LocalDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        }
        sql.append(" order by id desc limit ").append(Math.max(1, Math.min(query.limit(), 1000)));
        return jdbc.sql(sql.toString()).params(params).query((rs, i) -> map(rs)).list();
    }

    private static AuditEvent map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AuditEvent(rs.getLong(1), rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                AuditEvent.Outcome.valueOf(rs.getString(9)), rs.getString(10), rs.getString(11));
    }

    public static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated()
                || authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken
                ? SYSTEM_ACTOR : authentication.getName();
    }

    static String currentRemoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** Recomputes each hash and checks each link; remembers the first break. */
    private static final class ChainWalker {
        private long checked;
        private long expectedId = 1;
        private String expectedPrevious = AuditHasher.GENESIS;
        private Long brokenAt;
        private String problem;

        void accept(AuditEvent e) {
            checked++;
            if (brokenAt != null) {
                return;
            }
            if (e.id() != expectedId) {
                fail(e.id(), "event " + expectedId + " is missing (found " + e.id() + ")");
            } else if (!e.previousHash().equals(expectedPrevious)) {
                fail(e.id(), "link to the previous event does not match");
            } else {
                String recomputed = AuditHasher.hash(e.id(), e.occurredAt(), e.actor(), e.action(), e.target(),
                        e.remoteAddress(), e.beforeState(), e.afterState(), e.outcome(), e.previousHash());
                if (!recomputed.equals(e.hash())) {
                    fail(e.id(), "content does not match its hash (edited after it was written)");
                }
            }
            expectedId = e.id() + 1;
            expectedPrevious = e.hash();
        }

        private void fail(long id, String what) {
            brokenAt = id;
            problem = what;
        }

        AuditVerification result(long headId, String headHash, Instant now) {
            if (brokenAt == null && (headId != expectedId - 1 || !headHash.equals(expectedPrevious))) {
                brokenAt = expectedId - 1 < headId ? expectedId : headId;
                problem = "the chain ends at event " + (expectedId - 1) + " but its head says " + headId
                        + " (events deleted at the end, or the head was altered)";
            }
            return new AuditVerification(now, checked, brokenAt == null, brokenAt, problem);
        }
    }
}
