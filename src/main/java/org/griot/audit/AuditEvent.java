package org.griot.audit;

import java.time.Instant;

/**
 * One entry of the audit trail: who did what, when, from where, with the state before and after;
 * {@code keyId} names the audit key whose HMAC {@code hash} is (null for events written before the key).
 */
public record AuditEvent(long id, Instant occurredAt, String actor, String action, String target, String remoteAddress,
        String beforeState, String afterState, Outcome outcome, String previousHash, String hash, String keyId) {

    public enum Outcome {
        SUCCESS, FAILURE, DENIED
    }
}
