package org.griot.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditKeyringTests {

    static final String SECRET = "keyring-test-secret-0123456789-abcdefghij";
    static final String OLD_SECRET = "keyring-old-secret-0123456789-abcdefghijk";

    @TempDir
    Path folder;

    @Test
    void aKeyHasAStableIdThatRevealsNothingOfItsSecret() {
        AuditKey key = AuditKey.of(SECRET);

        assertThat(AuditKey.of("  " + SECRET + "\n").id()).isEqualTo(key.id());
        assertThat(AuditKey.of(OLD_SECRET).id()).isNotEqualTo(key.id());
        assertThat(key.id()).matches("k[0-9a-f]{16}").doesNotContain(SECRET.substring(0, 8));
        assertThat(key.toString()).doesNotContain(SECRET);
        assertThat(key.verifies("text", key.sign("text"))).isTrue();
        assertThat(key.verifies("text", AuditKey.of(OLD_SECRET).sign("text"))).isFalse();
        assertThat(key.verifies("text", null)).isFalse();
    }

    @Test
    void shortOrEmptyKeysAreRefused() {
        assertThatThrownBy(() -> AuditKey.of("secret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32");
        assertThatThrownBy(() -> AuditKey.of(" ".repeat(40))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditKey.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeyringSignsWithTheCurrentKeyAndFindsRetiredOnes() {
        AuditKeyring ring = AuditKeyring.of(SECRET, List.of(OLD_SECRET, ""));

        assertThat(ring.currentKeyId()).isEqualTo(AuditKey.of(SECRET).id());
        assertThat(ring.find(AuditKey.of(OLD_SECRET).id())).isPresent();
        assertThat(ring.find("k0000000000000000")).isEmpty();
        assertThat(ring.find(null)).isEmpty();
        assertThat(ring.keyIds()).hasSize(2);
    }

    @Test
    void productionRefusesToStartWithoutAKey() {
        AuditProperties none = properties(null, null);

        assertThatThrownBy(() -> ProductionAuditKeyGuard.currentKey(none, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to start").hasMessageContaining("GRIOT_AUDIT_KEY");
        assertThat(Files.exists(folder.resolve(ProductionAuditKeyGuard.DEMO_KEY_FILE))).isFalse();
    }

    @Test
    void theDemoGeneratesItsKeyOnceIntoAnOwnerOnlyFileBesideTheCheckpoints() throws Exception {
        AuditProperties none = properties(null, null);

        String first = ProductionAuditKeyGuard.currentKey(none, true);
        String second = ProductionAuditKeyGuard.currentKey(none, true);

        Path file = folder.resolve(ProductionAuditKeyGuard.DEMO_KEY_FILE);
        assertThat(first).isEqualTo(second).hasSizeGreaterThanOrEqualTo(AuditKey.MINIMUM_LENGTH);
        assertThat(Files.readString(file).strip()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(AuditKey.of(first).id()).isNotBlank();
    }

    @Test
    void aConfiguredKeyOrKeyFileWinsInEveryProfile() throws Exception {
        Path keyFile = Files.writeString(folder.resolve("audit.key"), SECRET + "\n");

        assertThat(ProductionAuditKeyGuard.currentKey(properties(OLD_SECRET, keyFile.toString()), false)).isEqualTo(OLD_SECRET);
        assertThat(ProductionAuditKeyGuard.currentKey(properties(null, keyFile.toString()), false)).isEqualTo(SECRET);
        assertThat(ProductionAuditKeyGuard.currentKey(properties(null, keyFile.toString()), true)).isEqualTo(SECRET);
        assertThatThrownBy(() -> ProductionAuditKeyGuard.currentKey(properties(null, folder.resolve("missing").toString()),
                false)).isInstanceOf(IllegalStateException.class).hasMessageContaining("Cannot read the audit key file");
        assertThat(Files.exists(folder.resolve(ProductionAuditKeyGuard.DEMO_KEY_FILE))).isFalse();
    }

    private AuditProperties properties(String key, String keyFile) {
        return new AuditProperties(null, key, keyFile, List.of(), folder.resolve("checkpoints.log").toString(), null);
    }
}
