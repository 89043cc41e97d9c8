package org.griot.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret that signs the audit chain (HMAC-SHA256). It is kept outside the database (configuration,
 * environment or a file), so whoever holds the database can neither forge an event nor recompute the
 * chain after an edit. Its id, derived from the secret, is written with each event and checkpoint.
 */
final class AuditKey {

    /** 32 characters: a generated key (32 random bytes, Base64) has 44. */
    static final int MINIMUM_LENGTH = 32;

    private final String id;
    private final SecretKeySpec secret;

    private AuditKey(String id, SecretKeySpec secret) {
        this.id = id;
        this.secret = secret;
    }

    static AuditKey of(String material) {
        String trimmed = material == null ? "" : material.strip();
        if (trimmed.length() < MINIMUM_LENGTH) {
            throw new IllegalArgumentException("An audit key needs at least " + MINIMUM_LENGTH + " characters (got "
                    + trimmed.length() + "); generate one with: openssl rand -base64 32");
        }
        byte[] bytes = trimmed.getBytes(StandardCharsets.UTF_8);
        return new AuditKey(idOf(bytes), new SecretKeySpec(bytes, "HmacSHA256"));
    }

    /** Public, stable and short; reveals nothing usable about the secret. */
    private static String idOf(byte[] secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("griot-audit-key-id;".getBytes(StandardCharsets.UTF_8));
            return "k" + HexFormat.of().formatHex(digest.digest(secret)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    String id() {
        return id;
    }

    String sign(String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Constant time, so the comparison does not tell an attacker how many leading characters matched. */
    boolean verifies(String canonical, String signature) {
        return signature != null && MessageDigest.isEqual(sign(canonical).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "AuditKey[" + id + "]"; // never the secret
    }
}
