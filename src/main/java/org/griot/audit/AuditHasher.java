package org.griot.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** SHA-256 over an unambiguous encoding of an event and its predecessor's hash. */
final class AuditHasher {

    static final String GENESIS = "0".repeat(64);

    private AuditHasher() {
    }

    static String hash(long id, Instant occurredAt, String actor, String action, String target, String remoteAddress,
            String before, String after, AuditEvent.Outcome outcome, String previousHash) {
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
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Length-prefixed fields: "a|b" + "c" and "a" + "b|c" can never hash alike; null differs from "". */
    private static void append(StringBuilder canonical, String value) {
        if (value == null) {
            canonical.append("-1:");
        } else {
            canonical.append(value.length()).append(':').append(value);
        }
        canonical.append(';');
    }
}
