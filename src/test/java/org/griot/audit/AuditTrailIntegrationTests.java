package org.griot.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.griot.IntegrationTest;
import org.griot.audit.AuditEvent.Outcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

class AuditTrailIntegrationTests extends IntegrationTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    MockMvc mvc;

    @Test
    void anUntouchedChainVerifies() {
        trail.recordAs("alice", "10.0.0.7", AuditAction.USER_UPDATED, "user:bob", "enabled=true", "enabled=false",
                Outcome.SUCCESS);

        AuditVerification result = trail.verify();

        assertThat(result.intact()).isTrue();
        assertThat(result.eventsChecked()).isPositive();
        assertThat(trail.lastVerification().orElseThrow().eventsChecked()).isEqualTo(result.eventsChecked());
    }

    @Test
    void anEditedEventIsDetectedAndNamed() {
        AuditEvent event = trail.recordAs("alice", "10.0.0.7", AuditAction.USER_ROLES_CHANGED, "user:bob",
                "roles=[AGENT]", "roles=[SUPERVISOR]", Outcome.SUCCESS);
        trail.recordAs("alice", "10.0.0.7", AuditAction.LOGOUT, "user:alice", null, null, Outcome.SUCCESS);
        try {
            jdbc.sql("update audit_event set after_state = 'roles=[AGENT]' where id = ?").param(event.id()).update();

            AuditVerification result = trail.verify();

            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenEventId()).isEqualTo(event.id());
            assertThat(result.problem()).contains("edited");
        } finally {
            jdbc.sql("update audit_event set after_state = ? where id = ?").params(event.afterState(), event.id()).update();
        }
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void aDeletedEventInTheMiddleOrAtTheEndIsDetected() {
        AuditEvent middle = trail.recordAs("mallory", "10.6.6.6", AuditAction.LOGIN_FAILED, "user:admin", null,
                "reason=bad credentials", Outcome.FAILURE);
        AuditEvent last = trail.recordAs("mallory", "10.6.6.6", AuditAction.LOGIN_SUCCEEDED, "user:admin", null, null,
                Outcome.SUCCESS);
        Map<String, Object> middleRow = row(middle.id());
        Map<String, Object> lastRow = row(last.id());
        try {
            jdbc.sql("delete from audit_event where id = ?").param(middle.id()).update();
            AuditVerification gap = trail.verify();
            assertThat(gap.intact()).isFalse();
            assertThat(gap.firstBrokenEventId()).isEqualTo(last.id());
            assertThat(gap.problem()).contains("missing");
            reinsert(middleRow);

            jdbc.sql("delete from audit_event where id = ?").param(last.id()).update();
            AuditVerification truncated = trail.verify();
            assertThat(truncated.intact()).isFalse();
            assertThat(truncated.problem()).contains("head");
        } finally {
            if (jdbc.sql("select count(*) from audit_event where id = ?").param(middle.id()).query(Integer.class).single() == 0) {
                reinsert(middleRow);
            }
            if (jdbc.sql("select count(*) from audit_event where id = ?").param(last.id()).query(Integer.class).single() == 0) {
                reinsert(lastRow);
            }
        }
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void aForgeryRecomputedWithoutTheKeyIsCaughtAtTheForgedEvent() {
        AuditEvent forged = trail.recordAs("alice", null, AuditAction.USER_CREATED, "user:eve", null, "roles=[AGENT]",
                Outcome.SUCCESS);
        trail.recordAs("alice", null, AuditAction.LOGOUT, "user:alice", null, null, Outcome.SUCCESS);
        // What a database holder can compute: the plain SHA-256 of ADR 0002, or an HMAC with a guessed key.
        String plain = AuditHasher.hash(forged.id(), forged.occurredAt(), forged.actor(), forged.action(),
                forged.target(), forged.remoteAddress(), forged.beforeState(), "roles=[ADMIN]", forged.outcome(),
                forged.previousHash());
        String guessed = AuditHasher.keyedHash(AuditKey.of("guessed-" + AUDIT_KEY.substring(8, 30) + "-wrong-key"),
                forged.id(), forged.occurredAt(), forged.actor(), forged.action(), forged.target(), forged.remoteAddress(),
                forged.beforeState(), "roles=[ADMIN]", forged.outcome(), forged.previousHash());
        try {
            for (String forgedHash : List.of(plain, guessed)) {
                jdbc.sql("update audit_event set after_state = 'roles=[ADMIN]', hash = ? where id = ?")
                        .params(forgedHash, forged.id()).update();
                AuditVerification result = trail.verify();
                assertThat(result.intact()).isFalse();
                assertThat(result.firstBrokenEventId()).isEqualTo(forged.id());
                assertThat(result.problem()).contains("keyed hash");
            }
            jdbc.sql("update audit_event set key_id = null, hash = ? where id = ?").params(plain, forged.id()).update();
            assertThat(trail.verify().problem()).contains("without the audit key");
        } finally {
            jdbc.sql("update audit_event set after_state = ?, hash = ?, key_id = ? where id = ?")
                    .params(forged.afterState(), forged.hash(), forged.keyId(), forged.id()).update();
        }
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void deletingTheLastEventsAndMovingTheHeadBackIsDetectedByTheSignedCheckpoint() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(trail.recordAs("mallory", "10.6.6.6", AuditAction.USER_ROLES_CHANGED, "user:mallory",
                    "roles=[AGENT]", "roles=[ADMIN] step " + i, Outcome.SUCCESS));
        }
        AuditCheckpoint checkpoint = checkpoints.write().orElseThrow();
        assertThat(checkpoint.sequence()).isEqualTo(events.get(3).id());
        assertThat(checkpoints.lines().get(checkpoints.lines().size() - 1)).isEqualTo(checkpoint.toLine());
        AuditEvent keep = events.get(0);
        List<Map<String, Object>> deleted = events.subList(1, 4).stream().map(e -> row(e.id())).toList();
        try {
            // The database holder removes the last three events and makes the head point at the one before.
            jdbc.sql("delete from audit_event where id > ?").param(keep.id()).update();
            jdbc.sql("update audit_chain_head set last_event_id = ?, last_hash = ? where id = 1")
                    .params(keep.id(), keep.hash()).update();

            AuditVerification result = trail.verify();

            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenEventId()).isEqualTo(keep.id() + 1);
            assertThat(result.problem()).contains("signed checkpoint").contains("saw event " + checkpoint.sequence())
                    .contains("deleted at the end");
            assertThat(trail.lastVerification().orElseThrow().intact()).isFalse();
        } finally {
            deleted.forEach(this::reinsert);
            jdbc.sql("update audit_chain_head set last_event_id = ?, last_hash = ? where id = 1")
                    .params(events.get(3).id(), events.get(3).hash()).update();
        }
        AuditVerification restored = trail.verify();
        assertThat(restored.intact()).as(restored.problem()).isTrue();
        assertThat(restored.checkpointsChecked()).isPositive();
        assertThat(restored.keyId()).isEqualTo(AuditKey.of(AUDIT_KEY).id());
    }

    @Test
    void everyNewEventIsSignedWithTheConfiguredKeyWhichWasIntroducedByAnEventOfItsOwn() {
        AuditEvent event = trail.recordAs("alice", null, AuditAction.LOGOUT, "user:alice", null, null, Outcome.SUCCESS);

        String keyId = AuditKey.of(AUDIT_KEY).id();
        assertThat(event.keyId()).isEqualTo(keyId);
        assertThat(jdbc.sql("select count(*) from audit_event where key_id is null or key_id <> ?").param(keyId)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select action from audit_event where key_id = ? order by id limit 1").param(keyId)
                .query(String.class).single()).isEqualTo(AuditAction.AUDIT_KEY_INTRODUCED);
        assertThat(jdbc.sql("select last_key_id from audit_chain_head where id = 1").query(String.class).single())
                .isEqualTo(keyId);
    }

    @Test
    void concurrentWritersKeepOneUnbrokenChain() throws Exception {
        long before = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int writer = 0; writer < 8; writer++) {
            int w = writer;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    trail.recordAs("writer" + w, "127.0.0.1", AuditAction.USER_UPDATED, "user:u" + i, null, "n=" + i,
                            Outcome.SUCCESS);
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single()).isEqualTo(before + 200);
        AuditVerification result = trail.verify();
        assertThat(result.intact()).isTrue();
        assertThat(jdbc.sql("select max(id) - min(id) + 1 - count(*) from audit_event").query(Long.class).single()).isZero();
    }

    @Test
    @WithMockUser(username = "audrey", roles = "AUDITOR")
    void theAuditorsVerificationShowsTheKeyAndTheCheckpointsCompared() throws Exception {
        trail.recordAs("alice", null, AuditAction.LOGOUT, "user:alice", null, null, Outcome.SUCCESS);
        checkpoints.write();

        AuditVerification verified = (AuditVerification) mvc.perform(post("/audit/verify").with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap().get("verified");
        assertThat(verified.intact()).as(verified.problem()).isTrue();
        assertThat(verified.checkpointsChecked()).isPositive();
        String page = mvc.perform(get("/audit").cookie(new jakarta.servlet.http.Cookie("griot-lang", "en"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();

        assertThat(page).contains("Chain signed (HMAC-SHA256) with key " + AuditKey.of(AUDIT_KEY).id());
        assertThat(jdbc.sql("select action from audit_event order by id desc limit 1").query(String.class).single())
                .isEqualTo(AuditAction.AUDIT_VERIFIED);
    }

    @Test
    @WithMockUser(username = "audrey", roles = "AUDITOR")
    void auditorsSearchByActorAndAction() {
        trail.recordAs("zoe", "10.1.1.1", AuditAction.USER_PASSWORD_RESET, "user:zoe", null, null, Outcome.SUCCESS);

        List<AuditEvent> found = trail.search(new AuditQuery("zoe", AuditAction.USER_PASSWORD_RESET, null, null, 10));

        assertThat(found).isNotEmpty().allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("zoe");
            assertThat(e.remoteAddress()).isEqualTo("10.1.1.1");
        });
    }

    private Map<String, Object> row(long id) {
        return jdbc.sql("select * from audit_event where id = ?").param(id).query().singleRow();
    }

    private void reinsert(Map<String, Object> row) {
        jdbc.sql("""
                insert into audit_event (id, occurred_at, actor, action, target, remote_address, before_state, after_state,
                                         outcome, previous_hash, hash, key_id)
                values (:id, :occurred_at, :actor, :action, :target, :remote_address, :before_state, :after_state,
                        :outcome, :previous_hash, :hash, :key_id)""").params(row).update();
    }
}
