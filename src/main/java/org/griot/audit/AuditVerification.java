package org.griot.audit;

import java.time.Instant;

/**
 * The result of walking the chain: intact, or the first event whose hash, link or key is wrong (and
 * what is wrong, including forged checkpoints, which name no event). {@code keyId} is the key that
 * signs the end of the chain (null while it is unkeyed); {@code checkpointsChecked} the signed
 * checkpoints it was compared with.
 */
public record AuditVerification(Instant verifiedAt, long eventsChecked, boolean intact, Long firstBrokenEventId,
        String problem, String keyId, long checkpointsChecked) {
}
