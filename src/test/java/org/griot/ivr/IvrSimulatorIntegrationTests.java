package org.griot.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.griot.IntegrationTest;
import org.griot.workflow.ActivityStatistics;
import org.griot.workflow.ProcessDiagrams;
import org.griot.workflow.ProcessReleases;
import org.griot.workflow.ProcessStatistics;
import org.griot.workflow.ProcessStatistics.Traffic;
import org.griot.workflow.ProcessVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The browser IVR simulator driven through its service, on the whole application (the real "ivr"
 * script, Camunda, rules, MariaDB): a VIP caller reaches the VIP queue, a caller who hangs up in the
 * main menu shows on the IVR map as a drop-out there; and who may reach the simulator and the map.
 */
@SuppressWarnings("unchecked")
class IvrSimulatorIntegrationTests extends IntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    IvrSimulator simulator;

    @Autowired
    ProcessDiagrams diagrams;

    @Autowired
    ProcessStatistics statistics;

    @Autowired
    ProcessReleases releases;

    @Autowired
    HistoryService history;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Test
    @WithMockUser(username = "analyst", roles = "ANALYST")
    void aVipCallerPressingOneThenZeroIsQueuedForTheVipQueueOnTheStagingVersion() throws Exception {
        forgetLanguageOf("22997000001");

        SimulatorCall call = simulator.start("analyst", "22997000001", "1919", true);

        assertThat(call.id()).startsWith("sim-");
        assertThat(call.definitionId()).contains(releases.definitionFor("ivr-1919", true));
        SimulatorEvent languageMenu = awaitWaitingAt(call, "choose-language");
        assertThat(prompts(call)).anySatisfy(p -> {
            assertThat(p.get("sound")).isEqualTo("griot/fr/language-menu");
            assertThat(p.get("transcript").toString()).startsWith("Pour le français, tapez 1");
        });
        assertThat(languageMenu.data()).containsEntry("maxDigits", 1);

        call.press('1');
        awaitWaitingAt(call, "main-menu");
        assertThat(prompts(call)).anySatisfy(p -> {
            assertThat(p.get("sound")).isEqualTo("griot/fr/welcome");
            assertThat(p.get("transcript").toString()).startsWith("Bienvenue au service client 1919");
        });
        SimulatorEvent step = lastOf(call, "step");
        assertThat(step.data().get("activityId")).isEqualTo("main-menu");
        assertThat((List<Object>) step.data().get("path")).containsSubsequence("call-arrived", "language-known", "choose-language",
                "set-language", "welcome", "main-menu");

        call.press('0');
        SimulatorEvent ended = call.await(e -> e.type().equals("ended"), WAIT).orElseThrow();

        assertThat(ended.data()).containsEntry("outcome", "queued").containsEntry("routingQueue", "vip")
                .containsEntry("routingPriority", "1");
        assertThat(ended.data().get("routingExplanation").toString()).contains("Priority numbers (VIP list) go to the VIP queue first");
        assertThat((List<Object>) ended.data().get("path")).containsSubsequence("main-menu", "choice-made", "route-to-agent",
                "transfer-to-agent", "queued-for-agent");
        assertThat(call.events()).anySatisfy(e -> assertThat(e.data()).containsEntry("name", "GRIOT_QUEUE").containsEntry("value", "vip"));
        var instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(call.id()).singleResult();
        assertThat(instance.getEndTime()).isNotNull();
        assertThat(instance.getProcessDefinitionId()).isEqualTo(call.definitionId().orElseThrow());
        assertThat(call.events()).extracting(SimulatorEvent::id).isSorted().doesNotHaveDuplicates();
    }

    @Test
    @WithMockUser(username = "analyst", roles = "ANALYST")
    void theMapCountsVisitsAndTheDropOutWhereASimulatedCallerHungUpAsTestTrafficOnly() throws Exception {
        forgetLanguageOf("22997100009");
        ProcessVersion version = diagrams.latest("ivr-1919").orElseThrow();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        var from = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        var to = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, ActivityStatistics> before = byId(statistics.activities(version, from, to, Traffic.TESTS));
        Map<String, ActivityStatistics> callersBefore = byId(statistics.activities(version, from, to));

        SimulatorCall call = simulator.start("analyst", "22997100009", "1919", true);
        awaitWaitingAt(call, "choose-language");
        call.press('2'); // English
        awaitWaitingAt(call, "main-menu");
        assertThat(prompts(call)).anySatisfy(p -> assertThat(p.get("sound")).isEqualTo("griot/en/main-menu"));
        call.hangUp();
        SimulatorEvent ended = call.await(e -> e.type().equals("ended"), WAIT).orElseThrow();

        assertThat(ended.data()).containsEntry("outcome", "hung-up");
        var instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(call.id()).singleResult();
        assertThat(instance.getDeleteReason()).isEqualTo("caller hung up");
        List<ActivityStatistics> activities = statistics.activities(version, from, to, Traffic.TESTS);
        Map<String, ActivityStatistics> after = byId(activities);
        assertThat(byId(statistics.activities(version, from, to))).as("real callers are not counted with the simulator")
                .isEqualTo(callersBefore);
        assertThat(jdbc.sql("select count(*) from caller_profile where caller_number = '22997100009'").query(Integer.class)
                .single()).as("a simulated call is not remembered as a caller").isZero();
        assertThat(after.get("call-arrived").visits()).isEqualTo(before.get("call-arrived").visits() + 1);
        assertThat(after.get("choose-language").visits()).isEqualTo(before.get("choose-language").visits() + 1);
        assertThat(after.get("choose-language").dropOuts()).isEqualTo(before.get("choose-language").dropOuts());
        assertThat(after.get("main-menu").visits()).isEqualTo(before.get("main-menu").visits() + 1);
        assertThat(after.get("main-menu").dropOuts()).isEqualTo(before.get("main-menu").dropOuts() + 1);
        assertThat(after.get("main-menu").name()).isEqualTo("Main menu");
        assertThat(after.keySet()).containsAll(diagrams.diagram(version).nodes().stream().map(n -> n.id()).toList());
        assertThat(activities).isSortedAccordingTo(Comparator.comparingLong(ActivityStatistics::dropOuts).reversed());
        // A day without calls counts nothing.
        assertThat(statistics.activities(version, from.minus(Duration.ofDays(400)), from.minus(Duration.ofDays(399)), Traffic.TESTS))
                .allSatisfy(a -> assertThat(a.visits() + a.dropOuts()).isZero());
    }

    @Test
    @WithMockUser(username = "analyst", roles = "ANALYST")
    void silenceTimesTheCollectionOutAtOnceAndAnAnalystCannotDriveAnotherAnalystsCall() throws Exception {
        forgetLanguageOf("22997100008");
        SimulatorCall call = simulator.start("analyst", "22997100008", "1919", true);
        awaitWaitingAt(call, "choose-language");

        call.silence();
        call.await(e -> e.type().equals("prompt") && "no-input".equals(e.data().get("promptId")), WAIT).orElseThrow();

        assertThat(call.events()).anySatisfy(e -> assertThat(e.data()).containsEntry("ending", "TIMEOUT").containsEntry("digits", ""));
        assertThat(simulator.find(call.id(), "another-analyst")).isEmpty();
        assertThat(simulator.find(call.id(), "analyst")).containsSame(call);
        call.hangUp();
        assertThat(call.await(e -> e.type().equals("ended"), WAIT)).isPresent();
    }

    @Test
    void theSimulatorIsForAnalystsAndTheMapForAnalystsSupervisorsAndAuditors() throws Exception {
        assertThat(status(get("/ivr/simulator"), "ANALYST")).isEqualTo(200);
        assertThat(status(get("/ivr/simulator"), "SUPERVISOR")).isEqualTo(403);
        assertThat(status(get("/ivr/simulator"), "ADMIN")).isEqualTo(403);
        assertThat(status(post("/ivr/simulator/calls").param("callerNumber", "1").with(csrf()), "AUDITOR")).isEqualTo(403);
        assertThat(status(delete("/ivr/simulator/calls/sim-web-1").with(csrf()), "ANALYST")).isEqualTo(403);
        assertThat(status(get("/ivr/simulator/calls/sim-web-unknown"), "ANALYST")).isEqualTo(404);
        for (String role : List.of("ANALYST", "SUPERVISOR", "AUDITOR")) {
            assertThat(status(get("/ivr/map"), role)).as(role).isEqualTo(200);
        }
        assertThat(status(get("/ivr/map"), "AGENT")).isEqualTo(403);
        assertThat(status(post("/ivr/map").with(csrf()), "ANALYST")).isEqualTo(403);

        String page = mvc.perform(get("/ivr/map").param("key", "ivr-1919").with(user("auditor").roles("AUDITOR")))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"el-main-menu\"", "class=\"bpmn-badge badge-visits\"", "id=\"row-main-menu\"", "<svg");
        assertThat(status(get("/ivr/map").param("key", "no-such-process"), "AUDITOR")).isEqualTo(404);
        assertThat(status(get("/ivr/map").param("from", "2026-02-01").param("to", "2026-01-01"), "AUDITOR")).isEqualTo(400);
    }

    /** Simulated calls do not write the caller memory; this leaves the test numbers as found whatever happens. */
    @AfterEach
    void forgetTestNumbers() {
        forgetLanguageOf("22997100009");
        forgetLanguageOf("22997100008");
    }

    private int status(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String role)
            throws Exception {
        return mvc.perform(request.with(user("u-" + role.toLowerCase()).roles(role))).andReturn().getResponse().getStatus();
    }

    /** Waits until the call, at this step, waits for the caller's keys. */
    static SimulatorEvent awaitWaitingAt(SimulatorCall call, String activityId) throws InterruptedException {
        SimulatorEvent step = call.await(e -> e.type().equals("step") && activityId.equals(e.data().get("activityId")), WAIT)
                .orElseThrow(() -> new AssertionError("never reached " + activityId + ": " + call.events()));
        SimulatorEvent waiting = call.await(e -> e.id() > step.id() && e.type().equals("waiting"), WAIT)
                .orElseThrow(() -> new AssertionError("never waited at " + activityId + ": " + call.events()));
        assertThat(call.events()).filteredOn(e -> e.id() > step.id() && e.id() < waiting.id() && e.type().equals("step")).isEmpty();
        return waiting;
    }

    private static List<Map<String, Object>> prompts(SimulatorCall call) {
        return call.events().stream().filter(e -> e.type().equals("prompt")).map(SimulatorEvent::data).toList();
    }

    private static SimulatorEvent lastOf(SimulatorCall call, String type) {
        List<SimulatorEvent> events = call.events().stream().filter(e -> e.type().equals(type)).toList();
        return events.get(events.size() - 1);
    }

    private static Map<String, ActivityStatistics> byId(List<ActivityStatistics> activities) {
        return activities.stream().collect(java.util.stream.Collectors.toMap(ActivityStatistics::activityId, a -> a));
    }

    private void forgetLanguageOf(String number) {
        jdbc.sql("delete from caller_profile where caller_number = ?").param(number).update();
    }
}
