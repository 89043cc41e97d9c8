package org.griot.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The chain head as seen at one moment (sequence = last event id, its hash), signed with an audit key
 * and kept outside the database, one line per checkpoint: {@code v1 <sequence> <hash> <time> <keyId> <hmac>}.
 * A chain that later ends before {@code sequence}, or whose event {@code sequence} has another hash,
 * was cut or rewritten.
 */
record AuditCheckpoint(int line, long sequence, String hash, Instant writtenAt, String keyId, String signature) {

    static final String VERSION = "v1";

    static AuditCheckpoint signed(long sequence, String hash, Instant writtenAt, AuditKey key) {
        return new AuditCheckpoint(0, sequence, hash, writtenAt, key.id(),
                key.sign(canonical(sequence, hash, writtenAt, key.id())));
    }

    String toLine() {
        return String.join(" ", VERSION, Long.toString(sequence), hash, writtenAt.toString(), keyId, signature);
    }

    /** A line as written, or null when it is not one (then it is reported as a forged or damaged checkpoint). */
    static AuditCheckpoint parse(int line, String text) {
        String[] parts = text.strip().split(" ");
        if (parts.length != 6 || !VERSION.equals(parts[0])) {
            return null;
        }
        try {
            return new AuditCheckpoint(line, Long.parseLong(parts[1]), parts[2], Instant.parse(parts[3]), parts[4], parts[5]);
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    boolean signedBy(AuditKey key) {
        return key.id().equals(keyId) && key.verifies(canonical(sequence, hash, writtenAt, keyId), signature);
    }

    private static String canonical(long sequence, String hash, Instant writtenAt, String keyId) {
        StringBuilder canonical = new StringBuilder("griot-audit-checkpoint;");
        AuditHasher.append(canonical, VERSION);
        AuditHasher.append(canonical, Long.toString(sequence));
        AuditHasher.append(canonical, hash);
        AuditHasher.append(canonical, writtenAt.toString());
        AuditHasher.append(canonical, keyId);
        return canonical.toString();
    }
}
