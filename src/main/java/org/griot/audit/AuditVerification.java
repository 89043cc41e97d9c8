package org.griot.audit;

import java.time.Instant;

/** The result of walking the hash chain: intact, or the first event whose hash or link is wrong. */
public record AuditVerification(Instant verifiedAt, long eventsChecked, boolean intact, Long firstBrokenEventId,
        String problem) {
}
