package org.griot.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.griot.IntegrationTest;
import org.griot.decision.DecisionRecorder;
import org.griot.routing.Acd;
import org.griot.routing.ContactView;
import org.griot.telephony.simulator.SimulatedCall;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's history level griot-call (docs/adr/0017-narrower-history-for-call-processes.md): an IVR
 * call, walked end to end over FastAGI, still leaves the auditors' view of it — its path (every
 * activity with start and end), the process version, its decisions with rule and rule-base version,
 * the contact (where agent and disposition are written) — and its variables' last values, but no row
 * per variable update and no external-task log; a process without IVR steps keeps Camunda's full history.
 */
class CallHistoryIntegrationTests extends IntegrationTest {

    @Autowired
    HistoryService history;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    ManagementService management;

    @Autowired
    DecisionRecorder decisions;

    @Autowired
    Acd acd;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theEngineRunsTheCallHistoryLevel() {
        assertThat(management.getProperties()).containsEntry("historyLevel", "30");
    }

    @Test
    void anIvrCallKeepsItsPathVersionDecisionsAndContactButNoVariableUpdatesNorStepLog() throws Exception {
        jdbc.sql("delete from caller_profile where caller_number = '22997000001'").update();
        SimulatedCall call = PBX.call("22997000001", "1919").press("1").press("0").start();

        assertThat(Ivr1919EndToEndTests.waitsForAnAgent(call)).isTrue();
        var instance = ended(call);

        // The path: every activity, in order, each with its start and end, in the version the call ran.
        List<HistoricActivityInstance> path = history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list();
        assertThat(path).extracting(HistoricActivityInstance::getActivityId).containsSubsequence("call-arrived",
                "choose-language", "set-language", "welcome", "main-menu", "route-to-agent", "transfer-to-agent", "queued-for-agent");
        assertThat(path).allSatisfy(a -> {
            assertThat(a.getStartTime()).isNotNull();
            assertThat(a.getEndTime()).isNotNull();
            assertThat(a.getProcessDefinitionId()).isEqualTo(instance.getProcessDefinitionId());
        });
        assertThat(instance.getProcessDefinitionKey()).isEqualTo("ivr-1919");
        assertThat(instance.getProcessDefinitionVersion()).isPositive();
        assertThat(instance.getStartTime()).isNotNull();
        // The variables' last values (the call's outcome, the IVR map's staging filter) are kept.
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list())
                .extracting("name").contains("routingQueue", "staging", "language");
        // Not kept: each variable update, and the external-task log of the steps.
        assertThat(count("ACT_HI_DETAIL", instance.getId())).isZero();
        assertThat(count("ACT_HI_EXT_TASK_LOG", instance.getId())).isZero();
        assertThat(history.createHistoricDetailQuery().processInstanceId(instance.getId()).count()).isZero();
        // The decisions are Griot's own records (rule, rule base version), not Camunda history.
        assertThat(decisions.explanations("call", call.uniqueid())).anySatisfy(e -> assertThat(e)
                .contains("Priority numbers (VIP list) go to the VIP queue first", "queue=vip, priority=1"));
        // The contact (agent, disposition, notes are written on it) names the call's process instance.
        assertThat(acd.history("22997000001", 20)).extracting(ContactView::processInstanceId).contains(instance.getId());
    }

    @Test
    void aProcessWithoutIvrStepsKeepsFullHistory() {
        var instance = runtime.startProcessInstanceByKey("sample-triage", Map.of("callerNumber", "22997000001", "segment", "VIP"));
        var task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        tasks.complete(task.getId(), Map.of("reviewed", true));

        assertThat(history.createHistoricDetailQuery().variableUpdates().processInstanceId(instance.getId()).count()).isPositive();
        assertThat(count("ACT_HI_DETAIL", instance.getId())).isPositive();
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).count()).isOne();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list())
                .extracting("activityId").contains("caller-arrived", "triage", "review", "triaged");
    }

    private long count(String table, String processInstanceId) {
        return jdbc.sql("select count(*) from " + table + " where PROC_INST_ID_ = ?").param(processInstanceId)
                .query(Long.class).single();
    }

    private org.camunda.bpm.engine.history.HistoricProcessInstance ended(SimulatedCall call) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(call.uniqueid()).singleResult();
            if (instance != null && instance.getEndTime() != null) {
                return instance;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the process of call " + call.uniqueid() + " did not end");
    }
}
