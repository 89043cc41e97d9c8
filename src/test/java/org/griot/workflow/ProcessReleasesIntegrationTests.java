package org.griot.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.griot.IntegrationTest;
import org.griot.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

class ProcessReleasesIntegrationTests extends IntegrationTest {

    @Autowired
    ProcessReleases releases;

    @Autowired
    ProcessDeployments deployments;

    @Autowired
    RepositoryService repository;

    @Autowired
    HistoryService history;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Autowired
    MockMvc mvc;

    @Test
    @WithMockUser(username = "ana", roles = "ANALYST")
    void aNewVersionServesStagingOnlyUntilPromotedAndRollbackRestoresTheFormer() throws Exception {
        String productionBefore = releases.definitionFor("sample-triage", false);
        int versionBefore = repository.getProcessDefinition(productionBefore).getVersion();

        String changed = Files.readString(Path.of("processes", "sample-triage.bpmn"))
                .replace("name=\"Review the triage\"", "name=\"Review the triage (v-next)\"");
        deployments.upload("sample-triage.bpmn", changed.getBytes(StandardCharsets.UTF_8));

        String staging = releases.definitionFor("sample-triage", true);
        assertThat(repository.getProcessDefinition(staging).getVersion()).isGreaterThan(versionBefore);
        assertThat(releases.definitionFor("sample-triage", false)).isEqualTo(productionBefore);

        ProcessReleases.Release promoted = releases.promote("sample-triage");
        assertThat(promoted.definitionId()).isEqualTo(staging);
        assertThat(releases.definitionFor("sample-triage", false)).isEqualTo(staging);

        ProcessReleases.Release rolledBack = releases.rollback("sample-triage");
        assertThat(rolledBack.version()).isEqualTo(versionBefore);
        assertThat(releases.definitionFor("sample-triage", false)).isEqualTo(productionBefore);
        assertThat(jdbc.sql("select count(*) from audit_event where actor = 'ana' and action in ('PROCESS_PROMOTED', 'PROCESS_ROLLED_BACK')")
                .query(Integer.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    @WithMockUser(username = "ana", roles = "ANALYST")
    void withFourEyesTheAuthorOfAVersionCannotPromoteIt() throws Exception {
        String changed = Files.readString(Path.of("processes", "sample-triage.bpmn"))
                .replace("name=\"Review the triage\"", "name=\"Review the triage (four-eyes)\"");
        deployments.upload("sample-triage.bpmn", changed.getBytes(StandardCharsets.UTF_8));
        ProcessReleases fourEyes = new ProcessReleases(repository, history, jdbc, audit, Clock.systemUTC(), true);

        assertThatThrownBy(() -> fourEyes.promote("sample-triage"))
                .isInstanceOf(ProcessReleases.ReleaseRefusedException.class).hasMessageContaining("Four-eyes");
    }

    @Test
    void onlyAnalystsPromoteAndTheScreenShowsStagingAndProduction() throws Exception {
        mvc.perform(post("/processes/sample-triage/promote").with(user("boss").roles("ADMIN")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/processes/sample-triage/promote").with(user("ana").roles("ANALYST")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/processes/sample-triage").with(user("ana").roles("ANALYST")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("production-version")));
    }
}
