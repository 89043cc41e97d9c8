package org.griot.audit;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit trail's key and checkpoints. {@code key} (env GRIOT_AUDIT_KEY) or {@code keyFile} gives the
 * signing key; {@code retiredKeys} the keys of earlier periods, to verify what they signed;
 * {@code checkpointFile} is the append-only file of signed chain heads, written on {@code checkpointCron}
 * and at shutdown.
 */
@ConfigurationProperties("griot.audit")
public record AuditProperties(String verifyCron, String key, String keyFile, List<String> retiredKeys,
        String checkpointFile, String checkpointCron) {

    public AuditProperties {
        retiredKeys = retiredKeys == null ? List.of() : List.copyOf(retiredKeys);
        if (checkpointFile == null || checkpointFile.isBlank()) {
            checkpointFile = "./data/audit/checkpoints.log";
        }
        if (checkpointCron == null || checkpointCron.isBlank()) {
            checkpointCron = "0 */5 * * * ?";
        }
    }
}
