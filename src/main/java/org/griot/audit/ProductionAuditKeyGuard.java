package org.griot.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Where the audit key comes from. A configured key (griot.audit.key / GRIOT_AUDIT_KEY) or key file wins;
 * without one, the demo generates a key into a file beside the checkpoints (the demo's data folder),
 * and any other profile (prod) refuses to start: an unkeyed chain can be rewritten by the database holder.
 */
@Configuration(proxyBeanMethods = false)
class ProductionAuditKeyGuard {

    private static final Logger log = LoggerFactory.getLogger(ProductionAuditKeyGuard.class);
    static final String DEMO_KEY_FILE = "audit-demo.key";

    @Bean
    AuditKeyring auditKeyring(AuditProperties properties, Environment environment) {
        return AuditKeyring.of(currentKey(properties, environment.acceptsProfiles(Profiles.of("demo"))),
                properties.retiredKeys());
    }

    static String currentKey(AuditProperties properties, boolean demo) {
        if (properties.key() != null && !properties.key().isBlank()) {
            return properties.key();
        }
        if (properties.keyFile() != null && !properties.keyFile().isBlank()) {
            Path file = Path.of(properties.keyFile());
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the audit key file " + file.toAbsolutePath() + ": " + e, e);
            }
        }
        if (!demo) {
            throw new IllegalStateException("Refusing to start without an audit key: set GRIOT_AUDIT_KEY (griot.audit.key) "
                    + "or griot.audit.key-file to a secret of at least " + AuditKey.MINIMUM_LENGTH
                    + " characters kept outside the database (e.g. openssl rand -base64 32). See docs/security.md.");
        }
        Path file = Path.of(properties.checkpointFile()).toAbsolutePath().normalize().resolveSibling(DEMO_KEY_FILE);
        return demoKey(file);
    }

    private static String demoKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = Base64.getEncoder().encodeToString(random);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
            log.warn("Demo: generated an audit key into {}; production sets GRIOT_AUDIT_KEY instead", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the demo audit key " + file, e);
        }
    }
}
