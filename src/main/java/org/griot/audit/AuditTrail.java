package org.griot.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
 * The append-only, tamper-evident audit trail. Events are chained: each stores the HMAC-SHA256 (with
 * the audit key, kept outside the database) of its content and of its predecessor's hash, and the
 * chain head (last id, last hash, key) is kept in its own row, locked while appending, so that an
 * edited, deleted or inserted row breaks the chain; signed checkpoints of the head, written outside
 * the database, catch a chain cut at the end with its head moved back. {@link #verify()} names the
 * first broken event. There is deliberately no update or delete here.
 */
@Service
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    public static final String SYSTEM_ACTOR = "system";

    private static final String COLUMNS = """
            id, occurred_at, actor, action, target, remote_address, before_state, after_state, outcome, previous_hash, \
            hash, key_id""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditKeyring keys;
    private final AuditCheckpoints checkpoints;

    AuditTrail(JdbcClient jdbc, Clock clock, AuditKeyring keys, AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = keys;
        this.checkpoints = checkpoints;
    }

    /** Records an action of the current user (or "system"), from the current request's address. */
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEvent record(String action, String target, String before, String after, AuditEvent.Outcome outcome) {
        return recordAs(currentActor(), currentRemoteAddress(), action, target, before, after, outcome);
    }

    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEvent recordAs(String actor, String remoteAddress, String action, String target, String before,
            String after, AuditEvent.Outcome outcome) {
        AuditChainHead head = AuditChainHead.readForUpdate(jdbc);
        long lastId = head.lastEventId();
        String previousHash = head.lastHash();
        AuditKey key = keys.current();
        String headKey = head.lastKeyId();
        if (!key.id().equals(headKey)) {
            // The chain's first event under this key says so, signed with it (ADR 0013): before it, the
            // events are unkeyed (introduction) or signed with the retired key (rotation).
            boolean introduced = headKey == null;
            AuditEvent marker = append(key, lastId + 1, previousHash, SYSTEM_ACTOR, null,
                    introduced ? AuditAction.AUDIT_KEY_INTRODUCED : AuditAction.AUDIT_KEY_ROTATED, "audit-key:" + key.id(),
                    introduced ? null : "keyId=" + headKey, "keyId=" + key.id(), AuditEvent.Outcome.SUCCESS);
            log.warn("Audit trail: {} key {} from event {}", introduced ? "introduced" : "rotated to", key.id(), marker.id());
            lastId = marker.id();
            previousHash = marker.hash();
        }
        AuditEvent event = append(key, lastId + 1, previousHash, actor == null || actor.isBlank() ? SYSTEM_ACTOR : actor,
                remoteAddress, action, target, before, after, outcome);
        jdbc.sql("update audit_chain_head set last_event_id = ?, last_hash = ?, last_key_id = ? where id = 1")
                .params(event.id(), event.hash(), key.id()).update();
        return event;
    }

    private AuditEvent append(AuditKey key, long id, String previousHash, String actor, String remoteAddress,
            String action, String target, String before, String after, AuditEvent.Outcome outcome) {
        Instant occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String safeActor = truncate(actor, 64);
        String safeTarget = truncate(target, 255);
        String safeAddress = truncate(remoteAddress, 64);
        String hash = AuditHasher.keyedHash(key, id, occurredAt, safeActor, action, safeTarget, safeAddress, before, after,
                outcome, previousHash);
        jdbc.sql("""
                insert into audit_event (id, occurred_at, actor, action, target, remote_address, before_state, after_state,
                                         outcome, previous_hash, hash, key_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, LocalDateTime.ofInstant(occurredAt, ZoneOffset.UTC), safeActor, action, safeTarget, safeAddress,
                        before, after, outcome.name(), previousHash, hash, key.id())
                .update();
        return new AuditEvent(id, occurredAt, safeActor, action, safeTarget, safeAddress, before, after, outcome,
                previousHash, hash, key.id());
    }

    /**
     * Walks the whole chain against the keyring and the signed checkpoints outside the database,
     * records the result, and returns it.
     */
    @Transactional
    public AuditVerification verify() {
        AuditChainWalker walker = new AuditChainWalker(keys, checkpoints.lines());
        jdbc.sql("select " + COLUMNS + " from audit_event order by id")
                .query((RowCallbackHandler) rs -> walker.accept(AuditTrail.map(rs)));
        AuditChainHead head = AuditChainHead.read(jdbc);
        AuditVerification result = walker.result(head.lastEventId(), head.lastHash(), clock.instant());
        jdbc.sql("""
                insert into audit_verification (verified_at, events_checked, intact, first_broken_event_id, problem,
                                                key_id, checkpoints_checked)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(java.sql.Timestamp.from(result.verifiedAt()), result.eventsChecked(), result.intact(),
                        result.firstBrokenEventId(), truncate(result.problem(), 512), result.keyId(),
                        result.checkpointsChecked())
                .update();
        if (!result.intact()) {
            log.error("AUDIT TRAIL TAMPERING DETECTED at event {}: {}", result.firstBrokenEventId(), result.problem());
        }
        return result;
    }

    /** The most recent verification, if any ran. */
    public java.util.Optional<AuditVerification> lastVerification() {
        return jdbc.sql("""
                select verified_at, events_checked, intact, first_broken_event_id, problem, key_id, checkpoints_checked
                from audit_verification order by id desc limit 1""")
                .query((rs, i) -> new AuditVerification(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getBoolean(3),
                        (Long) rs.getObject(4, Long.class), rs.getString(5), rs.getString(6), rs.getLong(7)))
                .optional();
    }

    @PreAuthorize("hasRole('AUDITOR')")
    public List<AuditEvent> search(AuditQuery query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_event where 1 = 1");
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
                AuditEvent.Outcome.valueOf(rs.getString(9)), rs.getString(10), rs.getString(11), rs.getString(12));
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
}
