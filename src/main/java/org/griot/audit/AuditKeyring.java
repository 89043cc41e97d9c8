package org.griot.audit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key that signs new audit events and checkpoints, and the retired keys kept only to verify what
 * they signed before a rotation (HMAC verification needs the secret itself).
 */
public final class AuditKeyring {

    private final AuditKey current;
    private final Map<String, AuditKey> byId = new LinkedHashMap<>();

    AuditKeyring(AuditKey current, Collection<AuditKey> retired) {
        this.current = current;
        byId.put(current.id(), current);
        for (AuditKey key : retired) {
            byId.putIfAbsent(key.id(), key);
        }
    }

    static AuditKeyring of(String currentMaterial, List<String> retiredMaterials) {
        return new AuditKeyring(AuditKey.of(currentMaterial),
                retiredMaterials == null ? List.of() : retiredMaterials.stream().filter(m -> m != null && !m.isBlank())
                        .map(AuditKey::of).toList());
    }

    AuditKey current() {
        return current;
    }

    /** The id of the signing key, shown to auditors. */
    public String currentKeyId() {
        return current.id();
    }

    Optional<AuditKey> find(String keyId) {
        return Optional.ofNullable(keyId == null ? null : byId.get(keyId));
    }

    List<String> keyIds() {
        return List.copyOf(byId.keySet());
    }
}
