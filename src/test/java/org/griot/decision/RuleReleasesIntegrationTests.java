package org.griot.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.griot.decision.RulesHostIntegrationTests.asAnalyst;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.griot.IntegrationTest;
import org.griot.audit.AuditTrail;
import org.griot.sample.TriageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Staging and production rule bases: a new version is staging only, an analyst promotes it in one
 * action and rolls it back in one action (both audited), four-eyes keeps an author from promoting
 * their own version, and production survives a restart (and is followed by another node).
 */
class RuleReleasesIntegrationTests extends IntegrationTest {

    private static final Path PLATINUM = RULES.resolve("griot/sample/platinum.drl");
    private static final String PLATINUM_RULE = """
            package griot.sample;
            import org.griot.sample.TriageRequest;
            rule "Platinum customers go to the platinum desk (release tests)"
                salience 200
            when
                $r : TriageRequest(segment == "PLATINUM", priority == 0)
            then
                modify($r) { setPriority(2), setQueue("platinum") }
            end
            """;

    @Autowired
    RulesHost host;

    @Autowired
    RuleBaseStore store;

    @Autowired
    RulesProperties properties;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @AfterEach
    void backToTheShippedRules() throws Exception {
        Files.deleteIfExists(PLATINUM);
        host.pollFolder();
        if (host.staging().orElseThrow().version() != host.production().orElseThrow().version()) {
            asAnalyst("cleanup", host::promote);
        }
    }

    @Test
    void aNewVersionServesStagingOnlyUntilPromotedAndARollbackRestoresTheFormerProduction() throws Exception {
        long production = host.production().orElseThrow().version();
        Files.writeString(PLATINUM, PLATINUM_RULE);
        host.pollFolder();
        long staged = host.staging().orElseThrow().version();
        assertThat(staged).isNotEqualTo(production);

        assertThat(queueFor(Stage.PRODUCTION)).isEqualTo("general");
        assertThat(queueFor(Stage.STAGING)).isEqualTo("platinum");

        RuleBaseRelease promoted = asAnalyst("ana", host::promote);
        assertThat(promoted.version()).isEqualTo(staged);
        assertThat(promoted.releasedBy()).isEqualTo("ana");
        assertThat(host.production().orElseThrow().version()).isEqualTo(staged);
        assertThat(queueFor(Stage.PRODUCTION)).isEqualTo("platinum");
        Decision decision = host.decide(List.of(new TriageRequest("22997000003", "PLATINUM")));
        assertThat(decision.ruleBaseVersion()).isEqualTo(staged);
        assertThat(decision.stage()).isEqualTo(Stage.PRODUCTION);

        RuleBaseRelease rolledBack = asAnalyst("ana", host::rollback);
        assertThat(rolledBack.version()).isEqualTo(production);
        assertThat(rolledBack.action()).isEqualTo(RuleBaseRelease.ROLLBACK);
        assertThat(queueFor(Stage.PRODUCTION)).isEqualTo("general");
        assertThat(host.staging().orElseThrow().version()).as("staging is left alone").isEqualTo(staged);

        assertThat(jdbc.sql("""
                select action, before_state, after_state from audit_event where actor = 'ana'
                and action in ('RULES_PROMOTED', 'RULES_ROLLED_BACK') order by id desc limit 2""")
                .query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + "->" + rs.getString(3)).list())
                .containsExactly("RULES_ROLLED_BACK v" + staged + "->v" + production,
                        "RULES_PROMOTED v" + production + "->v" + staged);
        assertThat(host.releases(2)).extracting(RuleBaseRelease::version).containsExactly(production, staged);
    }

    @Test
    void promotingWhatIsAlreadyInProductionIsRefusedAndAudited() {
        assertThat(host.staging().orElseThrow().version()).isEqualTo(host.production().orElseThrow().version());

        assertThatThrownBy(() -> asAnalyst("ana", host::promote)).isInstanceOf(RuleReleaseRefusedException.class)
                .hasMessageContaining("already in production");
        assertThat(jdbc.sql("select count(*) from audit_event where actor = 'ana' and action = 'RULES_RELEASE_REFUSED'")
                .query(Integer.class).single()).isPositive();
    }

    @Test
    void withFourEyesTheAnalystWhoUploadedAVersionCannotPromoteItAndProductionSurvivesARestart() {
        // Content of its own: a version is authored by whoever first brought that exact content in.
        RuleBaseSummary uploaded = asAnalyst("ana", () -> host.upload("platinum.drl",
                PLATINUM_RULE.replace("(release tests)", "(four-eyes)")));
        long production = host.production().orElseThrow().version();
        // A second host on the same database: a restart of this node, or another node, with four-eyes on.
        RulesHost restarted = new RulesHost(properties, store, audit, Clock.systemUTC(), new SimpleMeterRegistry(), true);
        try {
            restarted.afterPropertiesSet();
            assertThat(restarted.production().orElseThrow().version()).as("production survives a restart").isEqualTo(production);
            assertThat(restarted.staging().orElseThrow().version()).isEqualTo(uploaded.version());

            assertThatThrownBy(() -> asAnalyst("ana", restarted::promote)).isInstanceOf(RuleReleaseRefusedException.class)
                    .hasMessageContaining("Four-eyes").hasMessageContaining("ana");
            assertThat(restarted.production().orElseThrow().version()).isEqualTo(production);

            RuleBaseRelease promoted = asAnalyst("bob", restarted::promote);
            assertThat(promoted.version()).isEqualTo(uploaded.version());
        } finally {
            restarted.destroy();
        }
        // This node follows the release made on the other one at its next poll.
        assertThat(host.production().orElseThrow().version()).isEqualTo(production);
        host.pollFolder();
        assertThat(host.production().orElseThrow().version()).isEqualTo(uploaded.version());
        assertThat(queueFor(Stage.PRODUCTION)).isEqualTo("platinum");
    }

    @Test
    void theScreenShowsStagingAndProductionAndOnlyAnalystsPromote() throws Exception {
        Files.writeString(PLATINUM, PLATINUM_RULE);
        host.pollFolder();
        long staged = host.staging().orElseThrow().version();

        String page = mvc.perform(get("/rules").with(user("ana").roles("ANALYST"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"staging-version\"", "id=\"production-version\"", "id=\"staging-pending\"",
                "id=\"promote\"", "id=\"rollback\"", "v" + staged);
        assertThat(mvc.perform(get("/rules").with(user("boss").roles("ADMIN"))).andReturn().getResponse()
                .getContentAsString()).doesNotContain("id=\"promote\"");

        mvc.perform(post("/rules/promote").with(user("boss").roles("ADMIN")).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/api/rules/promote").with(user("agent").roles("AGENT")).with(csrf())).andExpect(status().isForbidden());
        assertThat(host.production().orElseThrow().version()).isNotEqualTo(staged);

        mvc.perform(post("/rules/promote").with(user("ana").roles("ANALYST")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("released"));
        assertThat(host.production().orElseThrow().version()).isEqualTo(staged);
        mvc.perform(post("/rules/promote").with(user("ana").roles("ANALYST")).with(csrf()))
                .andExpect(flash().attribute("releaseRefused", org.hamcrest.Matchers.containsString("already in production")));
    }

    private String queueFor(Stage stage) {
        TriageRequest platinum = new TriageRequest("22997000003", "PLATINUM");
        host.decide(stage, List.of(platinum));
        return platinum.getQueue();
    }
}
