package org.griot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.griot.audit.AuditEvent.Outcome;
import org.junit.jupiter.api.Test;

/** The chain walker on its own: chains built in memory the way AuditTrail writes them, then tampered with. */
class AuditChainWalkerTests {

    static final AuditKey KEY = AuditKey.of("walker-key-one-0123456789-abcdefghijklmn");
    static final AuditKey NEXT_KEY = AuditKey.of("walker-key-two-0123456789-abcdefghijklmn");
    static final AuditKey ATTACKER_KEY = AuditKey.of("a-guess-at-the-key-0123456789-abcdefghij");
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00.000001Z");

    /** Builds a chain as AuditTrail does: consecutive ids, each linked to and hashed over its predecessor. */
    static final class Chain {
        final List<AuditEvent> events = new ArrayList<>();

        Chain unkeyed(String action) {
            long id = events.size() + 1;
            Instant at = T0.plusSeconds(id);
            String hash = AuditHasher.hash(id, at, "alice", action, "user:bob", "10.0.0.7", null, "n=" + id,
                    Outcome.SUCCESS, previous());
            events.add(new AuditEvent(id, at, "alice", action, "user:bob", "10.0.0.7", null, "n=" + id, Outcome.SUCCESS,
                    previous(), hash, null));
            return this;
        }

        Chain keyed(AuditKey key, String action) {
            return keyed(key, action, "n=" + (events.size() + 1));
        }

        Chain keyed(AuditKey key, String action, String after) {
            long id = events.size() + 1;
            Instant at = T0.plusSeconds(id);
            String hash = AuditHasher.keyedHash(key, id, at, "alice", action, "user:bob", "10.0.0.7", null, after,
                    Outcome.SUCCESS, previous());
            events.add(new AuditEvent(id, at, "alice", action, "user:bob", "10.0.0.7", null, after, Outcome.SUCCESS,
                    previous(), hash, key.id()));
            return this;
        }

        /** A chain as Griot 0013 writes it: two events of the unkeyed era, the introduction, then keyed events. */
        static Chain typical(int keyedEvents) {
            Chain chain = new Chain().unkeyed(AuditAction.LOGIN_SUCCEEDED).unkeyed(AuditAction.USER_CREATED)
                    .keyed(KEY, AuditAction.AUDIT_KEY_INTRODUCED);
            for (int i = 0; i < keyedEvents; i++) {
                chain.keyed(KEY, AuditAction.USER_UPDATED);
            }
            return chain;
        }

        String previous() {
            return events.isEmpty() ? AuditHasher.GENESIS : events.get(events.size() - 1).hash();
        }

        AuditEvent get(long id) {
            return events.stream().filter(e -> e.id() == id).findFirst().orElseThrow();
        }

        void replace(AuditEvent edited) {
            events.replaceAll(e -> e.id() == edited.id() ? edited : e);
        }

        String checkpointOf(long id, AuditKey key) {
            return AuditCheckpoint.signed(id, get(id).hash(), T0.plusSeconds(3600), key).toLine();
        }
    }

    static AuditVerification walk(List<AuditEvent> events, long headId, String headHash, List<String> checkpoints,
            AuditKey... keys) {
        AuditKeyring ring = new AuditKeyring(keys.length == 0 ? KEY : keys[0],
                keys.length <= 1 ? List.of() : List.of(keys).subList(1, keys.length));
        AuditChainWalker walker = new AuditChainWalker(ring, checkpoints);
        events.forEach(walker::accept);
        return walker.result(headId, headHash, T0.plusSeconds(7200));
    }

    static AuditVerification walk(Chain chain, List<String> checkpoints, AuditKey... keys) {
        AuditEvent last = chain.events.get(chain.events.size() - 1);
        return walk(chain.events, last.id(), last.hash(), checkpoints, keys);
    }

    @Test
    void anUntouchedChainVerifiesFromItsUnkeyedStartThroughItsKeyedEventsAndCheckpoints() {
        Chain chain = Chain.typical(5);

        AuditVerification result = walk(chain, List.of(chain.checkpointOf(4, KEY), chain.checkpointOf(8, KEY)));

        assertThat(result.intact()).as(result.problem()).isTrue();
        assertThat(result.eventsChecked()).isEqualTo(8);
        assertThat(result.keyId()).isEqualTo(KEY.id());
        assertThat(result.checkpointsChecked()).isEqualTo(2);
        assertThat(result.firstBrokenEventId()).isNull();
    }

    @Test
    void anEditedKeyedEventIsNamed() {
        Chain chain = Chain.typical(5);
        AuditEvent original = chain.get(5);
        chain.replace(new AuditEvent(5, original.occurredAt(), original.actor(), original.action(), original.target(),
                original.remoteAddress(), original.beforeState(), "roles=[ADMIN]", original.outcome(),
                original.previousHash(), original.hash(), original.keyId()));

        AuditVerification result = walk(chain, List.of());

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenEventId()).isEqualTo(5);
        assertThat(result.problem()).contains("edited");
    }

    @Test
    void anEditedEventOfTheUnkeyedEraIsStillDetected() {
        Chain chain = Chain.typical(1);
        AuditEvent original = chain.get(1);
        chain.replace(new AuditEvent(1, original.occurredAt(), "mallory", original.action(), original.target(),
                original.remoteAddress(), original.beforeState(), original.afterState(), original.outcome(),
                original.previousHash(), original.hash(), null));

        AuditVerification result = walk(chain, List.of());

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenEventId()).isEqualTo(1);
    }

    @Test
    void anEventForgedWithAGuessedKeyIsCaughtAtTheForgeryItself() {
        Chain chain = Chain.typical(5);
        AuditEvent original = chain.get(6);
        String forgedHash = AuditHasher.keyedHash(ATTACKER_KEY, 6, original.occurredAt(), original.actor(),
                original.action(), original.target(), original.remoteAddress(), original.beforeState(), "roles=[ADMIN]",
                original.outcome(), original.previousHash());
        chain.replace(new AuditEvent(6, original.occurredAt(), original.actor(), original.action(), original.target(),
                original.remoteAddress(), original.beforeState(), "roles=[ADMIN]", original.outcome(),
                original.previousHash(), forgedHash, KEY.id()));

        AuditVerification result = walk(chain, List.of());

        assertThat(result.firstBrokenEventId()).isEqualTo(6);
        assertThat(result.problem()).contains("keyed hash");
    }

    @Test
    void aDeletionInTheMiddleIsNamed() {
        Chain chain = Chain.typical(5);
        chain.events.removeIf(e -> e.id() == 5);

        AuditVerification result = walk(chain, List.of());

        assertThat(result.firstBrokenEventId()).isEqualTo(6);
        assertThat(result.problem()).contains("event 5 is missing");
    }

    @Test
    void eventsDeletedAtTheEndWithTheHeadMovedBackAreCaughtByTheCheckpoint() {
        Chain chain = Chain.typical(6);
        List<String> checkpoints = List.of(chain.checkpointOf(9, KEY));
        List<AuditEvent> cut = chain.events.subList(0, 6); // the last three deleted
        AuditEvent newLast = cut.get(cut.size() - 1);

        AuditVerification withCheckpoint = walk(cut, newLast.id(), newLast.hash(), checkpoints);
        AuditVerification withoutCheckpoint = walk(cut, newLast.id(), newLast.hash(), List.of());

        assertThat(withCheckpoint.intact()).isFalse();
        assertThat(withCheckpoint.firstBrokenEventId()).isEqualTo(7);
        assertThat(withCheckpoint.problem()).contains("checkpoint").contains("saw event 9").contains("deleted at the end");
        // What the chain alone cannot see, and why checkpoints exist (ADR 0002's open end).
        assertThat(withoutCheckpoint.intact()).isTrue();
    }

    @Test
    void eventsDeletedAtTheEndWithoutMovingTheHeadAreCaughtByTheHead() {
        Chain chain = Chain.typical(4);
        AuditEvent last = chain.get(7);
        List<AuditEvent> cut = chain.events.subList(0, 5);

        AuditVerification result = walk(cut, last.id(), last.hash(), List.of());

        assertThat(result.intact()).isFalse();
        assertThat(result.problem()).contains("head says 7");
    }

    @Test
    void aForgedHeadIsDetected() {
        Chain chain = Chain.typical(3);

        AuditVerification result = walk(chain.events, 6, "f".repeat(64), List.of());

        assertThat(result.intact()).isFalse();
        assertThat(result.problem()).contains("head");
    }

    @Test
    void aChainRewrittenFromScratchWithoutTheKeyDiffersFromTheCheckpoints() {
        Chain genuine = Chain.typical(3);
        Chain rewritten = new Chain();
        for (int i = 0; i < 6; i++) {
            rewritten.unkeyed(AuditAction.LOGIN_SUCCEEDED);
        }

        AuditVerification result = walk(rewritten, List.of(genuine.checkpointOf(4, KEY)));

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenEventId()).isEqualTo(4);
        assertThat(result.problem()).contains("rewritten");
    }

    @Test
    void anUnkeyedEventAppendedAfterTheChainBecameKeyedIsAForgery() {
        Chain chain = Chain.typical(2).unkeyed(AuditAction.USER_ROLES_CHANGED);

        AuditVerification result = walk(chain, List.of());

        assertThat(result.firstBrokenEventId()).isEqualTo(6);
        assertThat(result.problem()).contains("without the audit key");
    }

    @Test
    void forgedCheckpointsAreReportedEvenWhenTheChainIsIntact() {
        Chain chain = Chain.typical(3);
        String genuine = chain.checkpointOf(6, KEY);
        String alteredSequence = genuine.replaceFirst(" 6 ", " 60 ");
        String signedByAttacker = chain.checkpointOf(6, ATTACKER_KEY);

        AuditVerification altered = walk(chain, List.of(genuine, alteredSequence));
        AuditVerification foreign = walk(chain, List.of(signedByAttacker));
        AuditVerification garbage = walk(chain, List.of("v1 6 deadbeef yesterday"));

        assertThat(altered.intact()).isFalse();
        assertThat(altered.firstBrokenEventId()).isNull();
        assertThat(altered.problem()).contains("line 2").contains("bad signature");
        assertThat(altered.checkpointsChecked()).isEqualTo(1);
        assertThat(foreign.intact()).isFalse();
        assertThat(foreign.problem()).contains("not in the keyring");
        assertThat(garbage.intact()).isFalse();
        assertThat(garbage.problem()).contains("line 1").contains("not a checkpoint");
    }

    @Test
    void aRotatedKeyVerifiesWithTheRetiredKeyInTheKeyring() {
        Chain chain = Chain.typical(2).keyed(NEXT_KEY, AuditAction.AUDIT_KEY_ROTATED).keyed(NEXT_KEY, AuditAction.LOGOUT);
        List<String> checkpoints = List.of(chain.checkpointOf(4, KEY), chain.checkpointOf(7, NEXT_KEY));

        AuditVerification withRetired = walk(chain, checkpoints, NEXT_KEY, KEY);
        AuditVerification retiredLost = walk(chain, checkpoints, NEXT_KEY);

        assertThat(withRetired.intact()).as(withRetired.problem()).isTrue();
        assertThat(withRetired.keyId()).isEqualTo(NEXT_KEY.id());
        assertThat(retiredLost.intact()).isFalse();
        assertThat(retiredLost.firstBrokenEventId()).isEqualTo(3);
        assertThat(retiredLost.problem()).contains("retired-keys");
    }

    @Test
    void aKeySwitchOutsideARotationEventIsDetected() {
        Chain silentSwitch = Chain.typical(2).keyed(NEXT_KEY, AuditAction.USER_UPDATED);
        Chain staleKeyAfterRotation = Chain.typical(1).keyed(NEXT_KEY, AuditAction.AUDIT_KEY_ROTATED)
                .keyed(KEY, AuditAction.USER_ROLES_CHANGED);
        Chain keyedWithoutIntroduction = new Chain().unkeyed(AuditAction.LOGIN_SUCCEEDED).keyed(KEY, AuditAction.LOGOUT);

        AuditVerification silent = walk(silentSwitch, List.of(), NEXT_KEY, KEY);
        AuditVerification stale = walk(staleKeyAfterRotation, List.of(), NEXT_KEY, KEY);
        AuditVerification unintroduced = walk(keyedWithoutIntroduction, List.of());

        assertThat(silent.firstBrokenEventId()).isEqualTo(6);
        assertThat(silent.problem()).contains("outside a key rotation");
        assertThat(stale.firstBrokenEventId()).isEqualTo(6);
        assertThat(unintroduced.firstBrokenEventId()).isEqualTo(2);
        assertThat(unintroduced.problem()).contains("introduction");
    }
}
