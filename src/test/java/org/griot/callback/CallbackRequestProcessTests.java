package org.griot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of processes/callback-request.bpmn on Camunda alone (in-memory H2): served at once,
 * retried after no answer, retries exhausted, the caller's window (later start, closed), and the
 * customer calling in again at any point. Timers are jobs: each fires once, when executed.
 */
class CallbackRequestProcessTests {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("griot-process-tests.cfg.xml").build();

    ProcessEngine processEngine;
    String deploymentId;
    final List<String> placesTaken = new CopyOnWriteArrayList<>();
    final List<String> results = new CopyOnWriteArrayList<>();

    @BeforeEach
    void deploy() throws Exception {
        processEngine = engine.getProcessEngine();
        try (FileInputStream bpmn = new FileInputStream("processes/callback-request.bpmn")) {
            deploymentId = processEngine.getRepositoryService().createDeployment()
                    .addInputStream("callback-request.bpmn", bpmn).deploy().getId();
        }
        Mocks.register("callbackTakePlace", (JavaDelegate) execution -> {
            int attempts = ((Number) execution.getVariable("attempts")).intValue() + 1;
            execution.setVariable("attempts", attempts);
            execution.setVariable("retryDelay", "PT" + attempts + "M");
            placesTaken.add("attempt " + attempts);
        });
        Mocks.register("callbackFinish", (JavaDelegate) execution -> results.add(String.valueOf(execution.getVariable("result"))));
    }

    @AfterEach
    void undeploy() {
        Mocks.reset();
        processEngine.getRepositoryService().deleteDeployment(deploymentId, true);
    }

    @Test
    void aCustomerReachedAtTheFirstAttemptIsServed() {
        ProcessInstance request = start(1, 3, null, null);

        assertThat(placesTaken).containsExactly("attempt 1");
        attempted(request, "ANSWERED");

        assertThat(results).containsExactly("SERVED");
        assertEnded(request);
    }

    @Test
    void noAnswerWaitsTheScheduledDelayThenTriesAgain() {
        ProcessInstance request = start(2, 3, null, null);
        attempted(request, "NO_ANSWER");

        Job retry = onlyTimer(request, "wait-retry");
        assertThat(retry.getDuedate().toInstant()).isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(70));
        assertThat(placesTaken).hasSize(1);
        processEngine.getManagementService().executeJob(retry.getId());
        assertThat(placesTaken).containsExactly("attempt 1", "attempt 2");
        attempted(request, "ANSWERED");

        assertThat(results).containsExactly("SERVED");
        assertEnded(request);
    }

    @Test
    void afterTheLastAttemptTheRequestEndsNotReached() {
        ProcessInstance request = start(3, 2, null, null);
        attempted(request, "NO_ANSWER");
        processEngine.getManagementService().executeJob(onlyTimer(request, "wait-retry").getId());
        attempted(request, "BUSY");

        assertThat(placesTaken).containsExactly("attempt 1", "attempt 2");
        assertThat(results).containsExactly("FAILED");
        assertEnded(request);
    }

    @Test
    void aLaterWindowIsWaitedForAndItsTimerFiresOnce() {
        Instant opens = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        ProcessInstance request = start(4, 3, opens, opens.plus(3, ChronoUnit.HOURS));

        Job window = onlyTimer(request, "wait-window");
        assertThat(window.getDuedate().toInstant()).isEqualTo(opens);
        assertThat(placesTaken).isEmpty();
        processEngine.getManagementService().executeJob(window.getId());

        assertThat(placesTaken).containsExactly("attempt 1");
        assertThat(timers(request)).extracting(Job::getId).doesNotContain(window.getId());
        assertThat(processEngine.getManagementService().createJobQuery().jobId(window.getId()).count()).isZero();
    }

    @Test
    void whenTheWindowClosesBeforeAnyAnswerTheRequestExpires() {
        Instant closes = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        ProcessInstance request = start(5, 3, null, closes);

        Job windowClosed = onlyTimer(request, "window-closed");
        assertThat(windowClosed.getDuedate().toInstant()).isEqualTo(closes);
        processEngine.getManagementService().executeJob(windowClosed.getId());

        assertThat(results).containsExactly("EXPIRED");
        assertEnded(request);
    }

    @Test
    void aCustomerWhoCallsInWhileWaitingForARetryMergesAndNoTimerIsLeft() {
        ProcessInstance request = start(6, 3, null, null);
        attempted(request, "NO_ANSWER");
        assertThat(timers(request)).isNotEmpty();

        processEngine.getRuntimeService().createMessageCorrelation("customer-called-in")
                .processInstanceBusinessKey("callback-6").setVariable("liveCallId", "1795.42").correlate();

        assertThat(results).containsExactly("MERGED");
        assertEnded(request);
        assertThat(processEngine.getManagementService().createJobQuery().processInstanceId(request.getId()).count()).isZero();
        assertThat(placesTaken).hasSize(1);
    }

    @Test
    void aCustomerWhoCallsInWhileTheirCallbackWaitsInLineMergesToo() {
        ProcessInstance request = start(7, 3, null, null);

        processEngine.getRuntimeService().createMessageCorrelation("customer-called-in")
                .processInstanceBusinessKey("callback-7").setVariable("liveCallId", "1795.43").correlate();

        assertThat(results).containsExactly("MERGED");
        assertEnded(request);
    }

    private ProcessInstance start(long id, int maxAttempts, Instant windowStart, Instant windowEnd) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("callbackId", id);
        variables.put("number", "22997000002");
        variables.put("queue", "general");
        variables.put("maxAttempts", maxAttempts);
        variables.put("attempts", 0);
        variables.put("windowStart", windowStart == null ? null : windowStart.toString());
        variables.put("windowEnd", (windowEnd == null ? Instant.now().plus(7, ChronoUnit.DAYS) : windowEnd).toString());
        variables.put("waitForWindow", windowStart != null);
        return processEngine.getRuntimeService().startProcessInstanceByKey("callback-request", "callback-" + id, variables);
    }

    private void attempted(ProcessInstance request, String outcome) {
        processEngine.getRuntimeService().createMessageCorrelation("callback-attempted")
                .processInstanceBusinessKey(request.getBusinessKey()).setVariable("attemptOutcome", outcome).correlate();
    }

    private List<Job> timers(ProcessInstance request) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(request.getId()).timers().list();
    }

    private Job onlyTimer(ProcessInstance request, String activityId) {
        List<Job> matching = timers(request).stream().filter(j -> activityId.equals(j.getFailedActivityId())
                || activityId.equals(activityOf(j))).toList();
        assertThat(matching).as("timer of " + activityId).hasSize(1);
        return matching.get(0);
    }

    private String activityOf(Job job) {
        return processEngine.getManagementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                .singleResult().getActivityId();
    }

    private void assertEnded(ProcessInstance request) {
        assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(request.getId()).count())
                .isZero();
    }
}
