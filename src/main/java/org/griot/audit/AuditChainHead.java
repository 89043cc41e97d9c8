package org.griot.audit;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The one-row head of the audit chain: the last event's id, hash and key id (null before the chain is keyed). */
record AuditChainHead(long lastEventId, String lastHash, String lastKeyId) {

    static AuditChainHead read(JdbcClient jdbc) {
        return query(jdbc, "");
    }

    /** Inside the appending transaction: appends serialize on this row. */
    static AuditChainHead readForUpdate(JdbcClient jdbc) {
        return query(jdbc, " for update");
    }

    private static AuditChainHead query(JdbcClient jdbc, String lock) {
        return jdbc.sql("select last_event_id, last_hash, last_key_id from audit_chain_head where id = 1" + lock)
                .query((rs, row) -> new AuditChainHead(rs.getLong(1), rs.getString(2), rs.getString(3))).single();
    }
}
