package org.griot.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks the chain in id order and names the first event that breaks it: a missing id (deleted in the
 * middle), a wrong link, content that does not match its hash, an event written without the key after
 * the chain became keyed, a key switch outside a rotation event, or an event that differs from a signed
 * checkpoint. At the end it compares the last event with the head row and with the newest checkpoint,
 * which catches events deleted at the end with the head moved back. Checkpoints with a bad signature are
 * reported as forged. No database, no files: the caller feeds events and checkpoint lines.
 */
final class AuditChainWalker {

    private final AuditKeyring keys;
    private final Map<Long, List<AuditCheckpoint>> checkpoints = new TreeMap<>();
    private AuditCheckpoint newestCheckpoint;
    private int validCheckpoints;
    private String checkpointProblem;

    private long checked;
    private long expectedId = 1;
    private String expectedPrevious = AuditHasher.GENESIS;
    private String chainKeyId;
    private Long brokenAt;
    private String problem;

    AuditChainWalker(AuditKeyring keys, List<String> checkpointLines) {
        this.keys = keys;
        int number = 0;
        for (String text : checkpointLines) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            AuditCheckpoint checkpoint = AuditCheckpoint.parse(number, text);
            if (checkpoint == null) {
                checkpointProblem("checkpoint line " + number + " is not a checkpoint Griot wrote (forged or damaged)");
                continue;
            }
            AuditKey key = keys.find(checkpoint.keyId()).orElse(null);
            if (key == null) {
                checkpointProblem("checkpoint line " + number + " is signed with key " + checkpoint.keyId()
                        + ", which is not in the keyring (forged, or a retired key is missing from griot.audit.retired-keys)");
            } else if (!checkpoint.signedBy(key)) {
                checkpointProblem("checkpoint line " + number + " has a bad signature (forged or altered)");
            } else {
                validCheckpoints++;
                checkpoints.computeIfAbsent(checkpoint.sequence(), s -> new ArrayList<>()).add(checkpoint);
                if (newestCheckpoint == null || checkpoint.sequence() > newestCheckpoint.sequence()) {
                    newestCheckpoint = checkpoint;
                }
            }
        }
    }

    void accept(AuditEvent e) {
        checked++;
        if (brokenAt != null) {
            return;
        }
        if (e.id() != expectedId) {
            fail(e.id(), "event " + expectedId + " is missing (found " + e.id() + ")");
        } else if (!e.previousHash().equals(expectedPrevious)) {
            fail(e.id(), "link to the previous event does not match");
        } else if (e.keyId() == null) {
            if (chainKeyId != null) {
                fail(e.id(), "written without the audit key after the chain became keyed (forged)");
            } else if (!AuditHasher.hashOf(e, null).equals(e.hash())) {
                fail(e.id(), "content does not match its hash (edited after it was written)");
            }
        } else {
            checkKeyed(e);
        }
        if (brokenAt == null) {
            for (AuditCheckpoint checkpoint : checkpoints.getOrDefault(e.id(), List.of())) {
                if (!checkpoint.hash().equals(e.hash())) {
                    fail(e.id(), "differs from the signed checkpoint of " + checkpoint.writtenAt() + " (line "
                            + checkpoint.line() + "): the chain was rewritten");
                    break;
                }
            }
        }
        expectedId = e.id() + 1;
        expectedPrevious = e.hash();
    }

    private void checkKeyed(AuditEvent e) {
        AuditKey key = keys.find(e.keyId()).orElse(null);
        if (key == null) {
            fail(e.id(), "signed with key " + e.keyId() + ", which is not in the keyring (forged, or a retired key is "
                    + "missing from griot.audit.retired-keys)");
            return;
        }
        if (!e.keyId().equals(chainKeyId)) {
            boolean allowed = chainKeyId == null ? AuditAction.AUDIT_KEY_INTRODUCED.equals(e.action())
                    : AuditAction.AUDIT_KEY_ROTATED.equals(e.action());
            if (!allowed) {
                fail(e.id(), "switches from key " + chainKeyId + " to key " + e.keyId() + " outside a key "
                        + (chainKeyId == null ? "introduction" : "rotation") + " event");
                return;
            }
        }
        if (!AuditHasher.hashOf(e, key).equals(e.hash())) {
            fail(e.id(), "content does not match its keyed hash (edited after it was written, or forged without the key)");
            return;
        }
        chainKeyId = e.keyId();
    }

    AuditVerification result(long headId, String headHash, Instant now) {
        long last = expectedId - 1;
        if (brokenAt == null && (headId != last || !headHash.equals(expectedPrevious))) {
            brokenAt = last < headId ? expectedId : headId;
            problem = "the chain ends at event " + last + " but its head says " + headId
                    + " (events deleted at the end, or the head was altered)";
        }
        if (brokenAt == null && newestCheckpoint != null && newestCheckpoint.sequence() > last) {
            brokenAt = expectedId;
            problem = "the chain ends at event " + last + " but the signed checkpoint of " + newestCheckpoint.writtenAt()
                    + " (line " + newestCheckpoint.line() + ") saw event " + newestCheckpoint.sequence()
                    + ": events were deleted at the end and the head moved back";
        }
        String reported = problem;
        if (checkpointProblem != null) {
            reported = reported == null ? checkpointProblem : reported + "; also " + checkpointProblem;
        }
        return new AuditVerification(now, checked, brokenAt == null && checkpointProblem == null, brokenAt, reported,
                chainKeyId, validCheckpoints);
    }

    private void fail(long id, String what) {
        brokenAt = id;
        problem = what;
    }

    private void checkpointProblem(String what) {
        if (checkpointProblem == null) {
            checkpointProblem = what;
        }
    }
}
