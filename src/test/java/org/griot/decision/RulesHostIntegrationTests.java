package org.griot.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.griot.IntegrationTest;
import org.griot.sample.TriageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;

class RulesHostIntegrationTests extends IntegrationTest {

    private static final Path EXTRA = RULES.resolve("griot/sample/extra.drl");

    @Autowired
    RulesHost host;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void removeExtraRules() throws Exception {
        Files.deleteIfExists(EXTRA);
        Files.deleteIfExists(RULES.resolve("griot/sample/uploaded.drl"));
        host.pollFolder();
        // The other test classes share the database: production goes back to the shipped rules.
        if (host.staging().orElseThrow().version() != host.production().orElseThrow().version()) {
            asAnalyst("cleanup", host::promote);
        }
    }

    static <T> T asAnalyst(String name, java.util.function.Supplier<T> action) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, "n/a",
                List.of(new SimpleGrantedAuthority("ROLE_ANALYST"))));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    @Test
    void aDecisionReportsTheRulesThatFiredAndTheRuleBaseVersion() {
        TriageRequest vip = new TriageRequest("22997000001", "VIP");
        Decision decision = host.decide(List.of(vip));

        assertThat(vip.getPriority()).isEqualTo(1);
        assertThat(vip.getQueue()).isEqualTo("vip");
        assertThat(decision.firedRules()).containsExactly(new FiredRule("griot.sample", "Priority numbers first"));
        assertThat(decision.ruleBaseVersion()).isEqualTo(host.serving().orElseThrow().version());
        assertThat(decision.explanation()).contains("rule-base v" + decision.ruleBaseVersion(), "Priority numbers first");

        TriageRequest other = new TriageRequest("22997000002", "STANDARD");
        assertThat(host.decide(List.of(other)).firedRules())
                .containsExactly(new FiredRule("griot.sample", "Everyone else in the general queue"));
        assertThat(other.getQueue()).isEqualTo("general");
    }

    @Test
    void aChangedFolderIsHotSwappedIntoStagingAndItsExactTextKeptForAuditors() throws Exception {
        long before = host.staging().orElseThrow().version();
        long production = host.production().orElseThrow().version();
        Files.writeString(EXTRA, """
                package griot.sample;
                import org.griot.sample.TriageRequest;
                rule "Platinum customers go to the platinum desk"
                    salience 200
                when
                    $r : TriageRequest(segment == "PLATINUM", priority == 0)
                then
                    modify($r) { setPriority(2), setQueue("platinum") }
                end
                """);

        host.pollFolder();

        RuleBaseSummary serving = host.staging().orElseThrow();
        assertThat(serving.version()).isGreaterThan(before);
        assertThat(serving.rules()).contains("griot.sample.Platinum customers go to the platinum desk");
        TriageRequest platinum = new TriageRequest("22997000003", "PLATINUM");
        Decision decision = host.decide(Stage.STAGING, List.of(platinum));
        assertThat(decision.firedRules().get(0).name()).isEqualTo("Platinum customers go to the platinum desk");
        assertThat(decision.ruleBaseVersion()).isEqualTo(serving.version());
        assertThat(decision.stage()).isEqualTo(Stage.STAGING);
        assertThat(decision.explanation()).startsWith("rule-base v" + serving.version() + " (staging): ");
        // Real callers keep the production rules until a promotion.
        TriageRequest productionCaller = new TriageRequest("22997000003", "PLATINUM");
        Decision productionDecision = host.decide(List.of(productionCaller));
        assertThat(productionDecision.ruleBaseVersion()).isEqualTo(production);
        assertThat(productionDecision.stage()).isEqualTo(Stage.PRODUCTION);
        assertThat(productionCaller.getQueue()).isEqualTo("general");
        assertThat(jdbc.sql("select content from rule_base_file where version = ? and path = ?")
                .params(serving.version(), "griot/sample/extra.drl").query(String.class).single())
                .contains("platinum desk");
    }

    @Test
    void aBrokenFolderChangeIsRefusedWithFileAndLineAndThePreviousRuleBaseKeepsServing() throws Exception {
        RuleBaseSummary before = host.staging().orElseThrow();
        Files.writeString(EXTRA, """
                package griot.sample;
                import org.griot.sample.TriageRequest;

                rule "Broken"
                when
                    $r : TriageRequest(segmant == "VIP")
                then
                    $r.setPriority(1);
                end
                """);

        host.pollFolder();

        assertThat(host.staging().orElseThrow().version()).isEqualTo(before.version());
        RulesHost.Rejection rejection = host.lastRejection().orElseThrow();
        assertThat(rejection.errors()).isNotEmpty();
        assertThat(rejection.errors().get(0).file()).isEqualTo("griot/sample/extra.drl");
        assertThat(rejection.errors().get(0).line()).isEqualTo(6);
        assertThat(rejection.errors().toString()).contains("segmant");
        TriageRequest vip = new TriageRequest("22997000001", "VIP");
        assertThat(host.decide(Stage.STAGING, List.of(vip)).ruleBaseVersion()).isEqualTo(before.version());
        assertThat(vip.getPriority()).isEqualTo(1);
    }

    @Test
    @WithMockUser(username = "ana", roles = "ANALYST")
    void anUploadIsValidatedWithTheOtherFilesThenWrittenUnderItsPackageAndStaged() throws Exception {
        RuleBaseSummary activated = host.upload("uploaded.drl", """
                package griot.sample;
                import org.griot.sample.TriageRequest;
                rule "Callers of the test number are triaged to staging"
                    salience 300
                when
                    $r : TriageRequest(callerNumber == "22990000000", priority == 0)
                then
                    modify($r) { setPriority(9), setQueue("staging") }
                end
                """);

        assertThat(activated.files()).contains("griot/sample/uploaded.drl");
        assertThat(Files.readString(RULES.resolve("griot/sample/uploaded.drl"))).contains("staging");
        TriageRequest test = new TriageRequest("22990000000", "STANDARD");
        host.decide(Stage.STAGING, List.of(test));
        assertThat(test.getQueue()).isEqualTo("staging");
        assertThat(host.staging().orElseThrow().version()).isEqualTo(activated.version());
        assertThat(host.production().orElseThrow().version()).isNotEqualTo(activated.version());
        assertThat(jdbc.sql("select activated_by from rule_base_version where version = ?").param(activated.version())
                .query(String.class).single()).isEqualTo("ana");
    }

    @Test
    @WithMockUser(username = "ana", roles = "ANALYST")
    void aBrokenUploadIsRefusedAndNothingIsWritten() {
        long before = host.staging().orElseThrow().version();

        assertThatThrownBy(() -> host.upload("uploaded.drl", """
                package griot.sample;
                rule "No then"
                when
                    eval(true)
                end
                """))
                .isInstanceOfSatisfying(RuleBaseRejectedException.class, e -> {
                    assertThat(e.errors()).isNotEmpty();
                    assertThat(e.errors().get(0).file()).isEqualTo("griot/sample/uploaded.drl");
                });
        assertThatThrownBy(() -> host.upload("../../etc/passwd.drl", "package x;"))
                .isInstanceOf(RuleBaseRejectedException.class);
        assertThatThrownBy(() -> host.upload("nopackage.drl", "rule \"x\" when then end"))
                .isInstanceOf(RuleBaseRejectedException.class);

        assertThat(Files.exists(RULES.resolve("griot/sample/uploaded.drl"))).isFalse();
        assertThat(host.staging().orElseThrow().version()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'RULES_REJECTED' and actor = 'ana'")
                .query(Integer.class).single()).isPositive();
    }

    @Test
    @WithMockUser(username = "agent007", roles = "AGENT")
    void onlyAnalystsAndAdministratorsMayUpload() {
        assertThatThrownBy(() -> host.upload("uploaded.drl", "package griot.sample;"))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }
}
