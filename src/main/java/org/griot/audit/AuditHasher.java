package org.griot.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash of an event over an unambiguous encoding of its fields and its predecessor's hash: a keyed
 * HMAC-SHA256 (the key stays outside the database) for events that name a key, plain SHA-256 for the
 * events written before Griot had a key (ADR 0013: they stay verifiable as before).
 */
final class AuditHasher {

    static final String GENESIS = "0".repeat(64);

    private AuditHasher() {
    }

    /** The unkeyed hash of events written before the chain had a key. */
    static String hash(long id, Instant occurredAt, String actor, String action, String target, String remoteAddress,
            String before, String after, AuditEvent.Outcome outcome, String previousHash) {
        String canonical = canonical(id, occurredAt, actor, action, target, remoteAddress, before, after, outcome,
                previousHash).toString();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The keyed hash: the key's id is part of what is signed, so an event cannot be moved to another key. */
    static String keyedHash(AuditKey key, long id, Instant occurredAt, String actor, String action, String target,
            String remoteAddress, String before, String after, AuditEvent.Outcome outcome, String previousHash) {
        StringBuilder canonical = canonical(id, occurredAt, actor, action, target, remoteAddress, before, after, outcome,
                previousHash);
        append(canonical, key.id());
        return key.sign(canonical.toString());
    }

    /** Recomputes an event's hash the way it was written: keyed when it names a key, plain otherwise. */
    static String hashOf(AuditEvent e, AuditKey key) {
        return key == null
                ? hash(e.id(), e.occurredAt(), e.actor(), e.action(), e.target(), e.remoteAddress(), e.beforeState(),
                        e.afterState(), e.outcome(), e.previousHash())
                : keyedHash(key, e.id(), e.occurredAt(), e.actor(), e.action(), e.target(), e.remoteAddress(),
                        e.beforeState(), e.afterState(), e.outcome(), e.previousHash());
    }

    private static StringBuilder canonical(long id, Instant occurredAt, String actor, String action, String target,
            String remoteAddress, String before, String after, AuditEvent.Outcome outcome, String previousHash) {
        StringBuilder canonical = new StringBuilder(256);
        append(canonical, Long.toString(id));
        append(canonical, occurredAt.truncatedTo(ChronoUnit.MICROS).toString());
        append(canonical, actor);
        append(canonical, action);
        append(canonical, target);
        append(canonical, remoteAddress);
        append(canonical, before);
        append(canonical, after);
        append(canonical, outcome.name());
        append(canonical, previousHash);
        return canonical;
    }

    /** Length-prefixed fields: "a|b" + "c" and "a" + "b|c" can never hash alike; null differs from "". */
    static void append(StringBuilder canonical, String value) {
        if (value == null) {
            canonical.append("-1:");
        } else {
            canonical.append(value.length()).append(':').append(value);
        }
        canonical.append(';');
    }
}
