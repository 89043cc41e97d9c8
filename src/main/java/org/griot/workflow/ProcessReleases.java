package org.griot.workflow;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.griot.audit.AuditEvent.Outcome;
import org.griot.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staging and production versions of call processes. Staging is the latest deployed version (test
 * lines and the browser simulator run it); production is the version released by a promotion, and
 * keeps serving real callers until the next promotion or a rollback. Both are one action, need an
 * analyst, and are audited; with four-eyes on, the promoter must not be the version's author.
 */
@Service
public class ProcessReleases {

    public static final String PROMOTED = "PROCESS_PROMOTED";
    public static final String ROLLED_BACK = "PROCESS_ROLLED_BACK";

    /** A production release: which version of which process, since when, by whom. */
    public record Release(String processKey, String definitionId, int version, java.time.Instant releasedAt, String releasedBy) {
    }

    private final RepositoryService repository;
    private final HistoryService history;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final boolean fourEyes;

    ProcessReleases(RepositoryService repository, HistoryService history, JdbcClient jdbc, AuditTrail audit, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${griot.ivr.four-eyes:false}") boolean fourEyes) {
        this.repository = repository;
        this.history = history;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.fourEyes = fourEyes;
    }

    /** The definition a call runs: the staging (latest) version, or the production release. */
    public String definitionFor(String processKey, boolean staging) {
        ProcessDefinition latest = latest(processKey);
        if (staging) {
            return latest.getId();
        }
        return production(processKey).map(Release::definitionId).orElseGet(() -> {
            // First use: the deployed version becomes production (nothing else could serve).
            release(processKey, latest, AuditTrail.SYSTEM_ACTOR);
            return latest.getId();
        });
    }

    public Optional<Release> production(String processKey) {
        return jdbc.sql("""
                select process_key, definition_id, version, released_at, released_by from process_release
                where process_key = ? order by id desc limit 1""")
                .param(processKey)
                .query((rs, i) -> new Release(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant(),
                        rs.getString(5)))
                .optional();
    }

    public List<Release> releases(String processKey) {
        return jdbc.sql("""
                select process_key, definition_id, version, released_at, released_by from process_release
                where process_key = ? order by id desc""")
                .param(processKey)
                .query((rs, i) -> new Release(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant(),
                        rs.getString(5)))
                .list();
    }

    /** Staging becomes production. */
    @PreAuthorize("hasRole('ANALYST')")
    @Transactional
    public Release promote(String processKey) {
        ProcessDefinition staging = latest(processKey);
        String actor = AuditTrail.currentActor();
        if (fourEyes) {
            authorOf(staging).filter(actor::equals).ifPresent(author -> {
                throw new ReleaseRefusedException("Four-eyes: " + actor + " authored " + processKey + " v"
                        + staging.getVersion() + " and cannot promote it; another analyst must.");
            });
        }
        String before = production(processKey).map(r -> "v" + r.version()).orElse(null);
        Release release = release(processKey, staging, actor);
        audit.record(PROMOTED, "process:" + processKey, before, "v" + staging.getVersion(), Outcome.SUCCESS);
        return release;
    }

    /** Production goes back to the release before the current one. */
    @PreAuthorize("hasRole('ANALYST')")
    @Transactional
    public Release rollback(String processKey) {
        List<Release> releases = releases(processKey);
        if (releases.size() < 2) {
            throw new ReleaseRefusedException("No earlier production release of " + processKey + " to roll back to.");
        }
        Release current = releases.get(0);
        Release previous = releases.stream().filter(r -> r.version() != current.version()).findFirst()
                .orElseThrow(() -> new ReleaseRefusedException("No earlier version of " + processKey + " to roll back to."));
        ProcessDefinition definition = repository.getProcessDefinition(previous.definitionId());
        Release release = release(processKey, definition, AuditTrail.currentActor());
        audit.record(ROLLED_BACK, "process:" + processKey, "v" + current.version(), "v" + previous.version(), Outcome.SUCCESS);
        return release;
    }

    private Release release(String processKey, ProcessDefinition definition, String actor) {
        java.time.Instant now = clock.instant();
        jdbc.sql("""
                insert into process_release (process_key, definition_id, version, released_at, released_by)
                values (?, ?, ?, ?, ?)""")
                .params(processKey, definition.getId(), definition.getVersion(), Timestamp.from(now), actor).update();
        return new Release(processKey, definition.getId(), definition.getVersion(), now, actor);
    }

    private Optional<String> authorOf(ProcessDefinition definition) {
        return history.createUserOperationLogQuery().deploymentId(definition.getDeploymentId()).list().stream()
                .map(e -> e.getUserId()).filter(java.util.Objects::nonNull).findFirst();
    }

    private ProcessDefinition latest(String processKey) {
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion()
                .singleResult();
        if (latest == null) {
            throw new UnknownProcessException(processKey);
        }
        return latest;
    }

    /** A promotion or rollback that a rule forbids (four-eyes, nothing to roll back to). */
    public static class ReleaseRefusedException extends RuntimeException {
        public ReleaseRefusedException(String message) {
            super(message);
        }
    }
}
