package org.griot.audit;

import java.time.Instant;

/** Filters for reading the audit trail; nulls mean "any". */
public record AuditQuery(String actor, String action, Instant from, Instant to, int limit) {

    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, null, limit);
    }
}
