package org.griot.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every branch of processes/ivr-1919.bpmn on Camunda alone (in-memory H2, no Spring): each scenario
 * plays the caller's side by completing the IVR steps with the outcomes the step performer would
 * report, and checks the path taken and where the call ends.
 */
class Ivr1919ProcessTests {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("griot-process-tests.cfg.xml").build();

    ProcessEngine processEngine;
    String deploymentId;
    final List<String> routed = new ArrayList<>();

    /** One IVR step the caller goes through: its activity, and the outcome the step reports. */
    record Turn(String activityId, Map<String, Object> outcome) {
        @Override
        public String toString() {
            return activityId + (outcome.isEmpty() ? "" : outcome.toString());
        }
    }

    /** What the step performer adds to a step's outcome from the step's properties (IvrStepPerformer.perform). */
    static final Map<String, String> ROUTING_REASONS = Map.of("apology", "backend-unavailable",
            "identity-failed", "identity-failed");

    static Turn at(String activityId, Object... outcome) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < outcome.length; i += 2) {
            values.put((String) outcome[i], outcome[i + 1]);
        }
        return new Turn(activityId, values);
    }

    @BeforeEach
    void deploy() throws Exception {
        processEngine = engine.getProcessEngine();
        try (FileInputStream bpmn = new FileInputStream("processes/ivr-1919.bpmn")) {
            deploymentId = processEngine.getRepositoryService().createDeployment()
                    .addInputStream("ivr-1919.bpmn", bpmn).deploy().getId();
        }
        Mocks.register("ivrSetLanguage", (JavaDelegate) execution -> execution.setVariable("language",
                SetLanguageDelegate.CHOICES.getOrDefault(String.valueOf(execution.getVariable("languageChoice")), "fr")));
        Mocks.register("ivrRouteToAgent", (JavaDelegate) execution -> {
            Object reason = execution.hasVariable("routingReason") ? execution.getVariable("routingReason") : "choice";
            routed.add(String.valueOf(reason));
            execution.setVariable("routingQueue", "general");
        });
        Mocks.register("ivrRequestCallback", (JavaDelegate) execution -> routed.add("callback"));
    }

    @AfterEach
    void undeploy() {
        Mocks.reset();
        processEngine.getRepositoryService().deleteDeployment(deploymentId, true);
    }

    static Stream<Arguments> scenarios() {
        Turn frenchMenu = at("choose-language", "languageChoice", "1", "menuFailed", false);
        return Stream.of(
                Arguments.of("new caller, balance", null, List.of(frenchMenu, at("welcome"),
                        at("main-menu", "choice", "3", "menuFailed", false), at("lookup-balance", "lookupStatus", "found",
                                "balanceXof", 15250L), at("say-balance"), at("goodbye"), at("hang-up")), "served-in-ivr", null),
                Arguments.of("remembered caller, agent", "fon", List.of(at("welcome-back"),
                        at("main-menu", "choice", "0", "menuFailed", false), at("transfer-to-agent")), "queued-for-agent", "choice"),
                Arguments.of("menu failed", "fr", List.of(at("welcome-back"), at("main-menu", "choice", "", "menuFailed", true),
                        at("transfer-to-agent")), "queued-for-agent", "choice"),
                Arguments.of("balance: back end down", "fr", List.of(at("welcome-back"),
                        at("main-menu", "choice", "3", "menuFailed", false), at("lookup-balance", "lookupStatus", "unavailable"),
                        at("apology"), at("transfer-to-agent")), "queued-for-agent", "backend-unavailable"),
                Arguments.of("balance: unknown subscriber", "fr", List.of(at("welcome-back"),
                        at("main-menu", "choice", "3", "menuFailed", false), at("lookup-balance", "lookupStatus", "not-found"),
                        at("transfer-to-agent")), "queued-for-agent", "choice"),
                Arguments.of("consumption and last calls", "en", List.of(at("welcome-back"),
                        at("main-menu", "choice", "2", "menuFailed", false),
                        at("lookup-consumption", "lookupStatus", "found", "consumptionXof", 4200L), at("say-consumption"),
                        at("lookup-last-calls", "lookupStatus", "found", "lastCallsSaid", 3), at("goodbye"), at("hang-up")),
                        "served-in-ivr", null),
                Arguments.of("consumption, last calls: back end down", "en", List.of(at("welcome-back"),
                        at("main-menu", "choice", "2", "menuFailed", false),
                        at("lookup-consumption", "lookupStatus", "found", "consumptionXof", 4200L), at("say-consumption"),
                        at("lookup-last-calls", "lookupStatus", "unavailable"), at("apology"), at("transfer-to-agent")),
                        "queued-for-agent", "backend-unavailable"),
                Arguments.of("consumption, last calls: unknown", "en", List.of(at("welcome-back"),
                        at("main-menu", "choice", "2", "menuFailed", false),
                        at("lookup-consumption", "lookupStatus", "found", "consumptionXof", 4200L), at("say-consumption"),
                        at("lookup-last-calls", "lookupStatus", "not-found"), at("transfer-to-agent")),
                        "queued-for-agent", "choice"),
                Arguments.of("consumption: back end down", "en", List.of(at("welcome-back"),
                        at("main-menu", "choice", "2", "menuFailed", false), at("lookup-consumption", "lookupStatus", "unavailable"),
                        at("apology"), at("transfer-to-agent")), "queued-for-agent", "backend-unavailable"),
                Arguments.of("consumption: unknown", "en", List.of(at("welcome-back"),
                        at("main-menu", "choice", "2", "menuFailed", false), at("lookup-consumption", "lookupStatus", "not-found"),
                        at("transfer-to-agent")), "queued-for-agent", "choice"),
                Arguments.of("mobile money", "yo", List.of(at("welcome-back"), at("main-menu", "choice", "4", "menuFailed", false),
                        at("lookup-mobile-money", "lookupStatus", "found", "mobileMoneyBalanceXof", 900L), at("say-mobile-money"),
                        at("goodbye"), at("hang-up")), "served-in-ivr", null),
                Arguments.of("mobile money: back end down", "yo", List.of(at("welcome-back"),
                        at("main-menu", "choice", "4", "menuFailed", false),
                        at("lookup-mobile-money", "lookupStatus", "unavailable"), at("apology"), at("transfer-to-agent")),
                        "queued-for-agent", "backend-unavailable"),
                Arguments.of("mobile money: no account", "yo", List.of(at("welcome-back"),
                        at("main-menu", "choice", "4", "menuFailed", false), at("lookup-mobile-money", "lookupStatus", "not-found"),
                        at("transfer-to-agent")), "queued-for-agent", "choice"),
                Arguments.of("PUK", "fr", List.of(at("welcome-back"), at("main-menu", "choice", "1", "menuFailed", false),
                        at("collect-identity", "identityAnswer", "2468", "collectFailed", false),
                        at("lookup-identity", "lookupStatus", "found", "identityPassed", true),
                        at("lookup-puk", "lookupStatus", "found"), at("goodbye"), at("hang-up")), "served-in-ivr", null),
                Arguments.of("PUK: no identity typed", "fr", List.of(at("welcome-back"),
                        at("main-menu", "choice", "1", "menuFailed", false),
                        at("collect-identity", "identityAnswer", "", "collectFailed", true), at("transfer-to-agent")),
                        "queued-for-agent", "choice"),
                Arguments.of("PUK: wrong identity", "fr", List.of(at("welcome-back"),
                        at("main-menu", "choice", "1", "menuFailed", false),
                        at("collect-identity", "identityAnswer", "0000", "collectFailed", false),
                        at("lookup-identity", "lookupStatus", "found", "identityPassed", false), at("identity-failed"),
                        at("transfer-to-agent")), "queued-for-agent", "identity-failed"),
                Arguments.of("PUK: unknown subscriber", "fr", List.of(at("welcome-back"),
                        at("main-menu", "choice", "1", "menuFailed", false),
                        at("collect-identity", "identityAnswer", "1111", "collectFailed", false),
                        at("lookup-identity", "lookupStatus", "not-found"), at("identity-failed"), at("transfer-to-agent")),
                        "queued-for-agent", "identity-failed"),
                Arguments.of("PUK: identity back end down", "fr", List.of(at("welcome-back"),
                        at("main-menu", "choice", "1", "menuFailed", false),
                        at("collect-identity", "identityAnswer", "1111", "collectFailed", false),
                        at("lookup-identity", "lookupStatus", "unavailable"), at("apology"), at("transfer-to-agent")),
                        "queued-for-agent", "backend-unavailable"),
                Arguments.of("PUK: PUK back end down", "fr", List.of(at("welcome-back"),
                        at("main-menu", "choice", "1", "menuFailed", false),
                        at("collect-identity", "identityAnswer", "2468", "collectFailed", false),
                        at("lookup-identity", "lookupStatus", "found", "identityPassed", true),
                        at("lookup-puk", "lookupStatus", "unavailable"), at("apology"), at("transfer-to-agent")),
                        "queued-for-agent", "backend-unavailable"),
                Arguments.of("PUK: no PUK on file", "fr", List.of(at("welcome-back"),
                        at("main-menu", "choice", "1", "menuFailed", false),
                        at("collect-identity", "identityAnswer", "2468", "collectFailed", false),
                        at("lookup-identity", "lookupStatus", "found", "identityPassed", true),
                        at("lookup-puk", "lookupStatus", "not-found"), at("transfer-to-agent")), "queued-for-agent", "choice"),
                Arguments.of("callback from the menu", "fr", List.of(at("welcome-back"),
                        at("main-menu", "choice", "5", "menuFailed", false), at("callback-confirmed"), at("callback-hang-up")),
                        "callback-promised", "callback"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyBranchLeadsWhereItShould(String scenario, String rememberedLanguage, List<Turn> turns, String endEvent,
            String routingReason) {
        String callId = "call-" + scenario.hashCode();
        Map<String, Object> variables = new HashMap<>();
        variables.put("callId", callId);
        variables.put("callerNumber", "22997000001");
        variables.put("language", rememberedLanguage);
        String processInstanceId = processEngine.getRuntimeService()
                .startProcessInstanceByKey("ivr-1919", callId, variables).getId();

        for (Turn turn : turns) {
            List<LockedExternalTask> tasks = processEngine.getExternalTaskService().fetchAndLock(1, "test")
                    .topic("ivr", 60_000).businessKey(callId).execute();
            assertThat(tasks).as("%s: waiting at %s", scenario, turn.activityId()).hasSize(1);
            assertThat(tasks.get(0).getActivityId()).as(scenario).isEqualTo(turn.activityId());
            Map<String, Object> outcome = new HashMap<>(turn.outcome());
            if (ROUTING_REASONS.containsKey(turn.activityId())) {
                assertThat(stepProperties(tasks.get(0))).as(scenario).containsEntry("routingReason",
                        ROUTING_REASONS.get(turn.activityId()));
                outcome.put("routingReason", ROUTING_REASONS.get(turn.activityId()));
            }
            processEngine.getExternalTaskService().complete(tasks.get(0).getId(), "test", outcome);
        }

        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).count())
                .as("%s: the process has ended", scenario).isZero();
        assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityId(endEvent).count()).as("%s ends at %s", scenario, endEvent).isEqualTo(1);
        // A step's settings are properties of the model, not variables: no rows written for them.
        assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .list()).extracting("name").as(scenario).doesNotContain("step", "prompt", "query", "options", "maxAttempts");
        if (routingReason == null) {
            assertThat(routed).isEmpty();
        } else {
            assertThat(routed).containsExactly(routingReason);
        }
    }

    /** The camunda:property settings of the task's activity in the deployed model. */
    Map<String, String> stepProperties(LockedExternalTask task) {
        var element = processEngine.getRepositoryService().getBpmnModelInstance(task.getProcessDefinitionId())
                .getModelElementById(task.getActivityId());
        Map<String, String> properties = new HashMap<>();
        ((BaseElement) element).getExtensionElements().getElementsQuery()
                .filterByType(CamundaProperties.class).list()
                .forEach(list -> list.getCamundaProperties().forEach(p -> properties.put(p.getCamundaName(), p.getCamundaValue())));
        return properties;
    }
}
