package org.griot.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * A call's process, driven from the call's own thread (DESIGN rule 2): the process decides, the
 * call performs. Each interactive step is an external task of topic {@value #TOPIC} whose business
 * key is the call id; the call thread fetches it, performs it on the line (no transaction open while
 * the caller listens), and completes it with the outcome — one short transaction and one history
 * entry per step.
 */
@Service
public class CallProcesses {

    public static final String TOPIC = "ivr";
    /** The delete reason of a call's process when the caller hung up (the IVR map counts drop-outs by it). */
    public static final String CALLER_HUNG_UP = "caller hung up";
    /** The process variable set to true on a staging call (test line, staging endpoint, staging simulator call). */
    public static final String STAGING_VARIABLE = "staging";
    /**
     * Business keys (call ids) of the browser IVR simulator's calls start with it. With the staging
     * variable, it tells test traffic from real callers. (The demo's simulated PBX names its calls
     * "demo-…": in a demo they stand for real callers.)
     */
    public static final String SIMULATED_BUSINESS_KEY_PREFIX = "sim-";
    /** Longer than any step a caller can be in (prompt + retries); a crashed node's step is then freed. */
    static final long LOCK_MILLIS = 10 * 60 * 1000L;

    private final RuntimeService runtime;
    private final ExternalTaskService externalTasks;
    private final HistoryService history;
    private final String workerId = "griot-call-" + java.util.UUID.randomUUID();

    CallProcesses(RuntimeService runtime, ExternalTaskService externalTasks, HistoryService history) {
        this.runtime = runtime;
        this.externalTasks = externalTasks;
        this.history = history;
    }

    /** Starts the call's process (a given definition, e.g. the staging or production version). */
    public String start(String processDefinitionId, String callId, Map<String, Object> variables) {
        ProcessInstance instance = runtime.startProcessInstanceById(processDefinitionId, callId, variables);
        return instance.getId();
    }

    /** The step the call must perform now, locked for this node; empty when the process has ended. */
    public Optional<ProcessStep> nextStep(String callId) {
        List<LockedExternalTask> tasks = externalTasks.fetchAndLock(1, workerId)
                .topic(TOPIC, LOCK_MILLIS).businessKey(callId)
                .execute();
        if (tasks.isEmpty()) {
            return Optional.empty();
        }
        LockedExternalTask task = tasks.get(0);
        Map<String, Object> variables = task.getVariables() == null ? Map.of() : task.getVariables();
        Object kind = variables.get("step");
        return Optional.of(new ProcessStep(task.getId(), task.getProcessInstanceId(), task.getActivityId(),
                kind == null ? "" : kind.toString(), variables));
    }

    /** Completes a step with its outcome; the process moves on to its next wait state. */
    public void complete(ProcessStep step, Map<String, Object> outcome) {
        externalTasks.complete(step.taskId(), workerId, outcome);
    }

    public boolean isRunning(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    }

    /** The variables of a process instance (running or ended), for what the call does after it. */
    public Map<String, Object> variables(String processInstanceId) {
        Map<String, Object> values = new java.util.HashMap<>();
        history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list()
                .forEach(v -> values.put(v.getName(), v.getValue()));
        return values;
    }

    /**
     * The activities the process has been through so far (ended and current), in order, by activity id:
     * the path a call took.
     */
    public List<String> path(String processInstanceId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
                .map(a -> a.getActivityId()).toList();
    }

    /**
     * The steps a call went through, by name, in order (tasks only, not gateways or events): what the
     * caller did in the IVR, for the agent's screen pop.
     */
    public List<String> visitedSteps(String processInstanceId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
                .filter(a -> a.getActivityType() != null && a.getActivityType().endsWith("Task"))
                .map(a -> a.getActivityName() == null || a.getActivityName().isBlank() ? a.getActivityId() : a.getActivityName())
                .toList();
    }

    /** The caller hung up: the process ends where the caller was (history shows the drop-out there). */
    public void abandon(String processInstanceId, String reason) {
        if (isRunning(processInstanceId)) {
            runtime.deleteProcessInstance(processInstanceId, reason, true, true);
        }
    }
}
