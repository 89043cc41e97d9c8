package org.griot.workflow;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A call's process, driven from the call's own thread (DESIGN rule 2): the process decides, the
 * call performs. Each interactive step is an external task of topic {@value #TOPIC} whose business
 * key is the call id; the call thread fetches it, performs it on the line (no transaction open while
 * the caller listens), and completes it with the outcome — one short transaction (completing the
 * step and fetching the next) and one history entry per step.
 *
 * <p>A step's configuration ({@code camunda:property} of the task) is read from the deployed model,
 * once per process definition, and cached (a deployed definition never changes): it is not a process
 * variable, so a step writes no variable rows for it. The step is fetched with only the process
 * variables it reads ({@link CallStepVariables}), in the fetch-and-lock query itself.
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
    private final RepositoryService repository;
    private final CallStepVariables reads;
    private final TransactionTemplate transactions;
    private final String workerId = "griot-call-" + java.util.UUID.randomUUID();
    /** The call steps of each deployed definition, by activity id. */
    private final Map<String, Map<String, CallStepModel.Step>> steps = new ConcurrentHashMap<>();
    /** The variables fetched with any step of a definition: what its steps read. */
    private final Map<String, Set<String>> fetched = new ConcurrentHashMap<>();

    CallProcesses(RuntimeService runtime, ExternalTaskService externalTasks, HistoryService history,
            RepositoryService repository, CallStepVariables reads, PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.runtime = runtime;
        this.externalTasks = externalTasks;
        this.history = history;
        this.repository = repository;
        this.reads = reads;
    }

    /** Starts the call's process (a given definition, e.g. the staging or production version). */
    public String start(String processDefinitionId, String callId, Map<String, Object> variables) {
        ProcessInstance instance = runtime.startProcessInstanceById(processDefinitionId, callId, variables);
        return instance.getId();
    }

    /**
     * A call's process just started: its definition, its first step, and — when it ended at once —
     * its variables (read in the same transaction).
     */
    public record StartedCall(String processInstanceId, String processDefinitionId, Optional<ProcessStep> firstStep,
            Map<String, Object> endVariables) {
    }

    /** What follows a step: the next one, or — the process has ended — its variables (the call's outcome). */
    public record Next(Optional<ProcessStep> step, Map<String, Object> endVariables) {
    }

    /**
     * Chooses the definition, starts the call's process and fetches its first step in a single
     * transaction (one commit: the definition look-up is a Camunda query, which alone would be a
     * transaction of its own, three statements more per call).
     */
    public StartedCall startAndFetchFirst(Supplier<String> processDefinition, String callId, Map<String, Object> variables) {
        return transactions.execute(status -> {
            String processDefinitionId = processDefinition.get();
            String processInstanceId = start(processDefinitionId, callId, variables);
            Optional<ProcessStep> first = nextStep(callId, processDefinitionId);
            return new StartedCall(processInstanceId, processDefinitionId, first,
                    first.isEmpty() ? variables(processInstanceId) : Map.of());
        });
    }

    /**
     * The step the call must perform now, locked for this node; empty when the process has ended.
     * {@code processDefinitionId}: the call's process, whose steps say which variables to fetch.
     */
    public Optional<ProcessStep> nextStep(String callId, String processDefinitionId) {
        Set<String> names = fetched.computeIfAbsent(processDefinitionId, this::variablesReadBySteps);
        List<LockedExternalTask> tasks = externalTasks.fetchAndLock(1, workerId)
                .topic(TOPIC, LOCK_MILLIS).businessKey(callId).variables(List.copyOf(names))
                .execute();
        if (tasks.isEmpty()) {
            return Optional.empty();
        }
        LockedExternalTask task = tasks.get(0);
        CallStepModel.Step model = steps(task.getProcessDefinitionId()).get(task.getActivityId());
        Map<String, Object> variables = new HashMap<>(task.getVariables() == null ? Map.of() : task.getVariables());
        Map<String, String> configuration = configuration(model, variables);
        Set<String> available = new TreeSet<>(names);
        if (!task.getProcessDefinitionId().equals(processDefinitionId)) {
            // A step of another process (e.g. a called one): read what it needs on top, one query.
            Set<String> missing = new TreeSet<>(reads.of(configuration));
            missing.removeAll(names);
            variables.putAll(runtime.getVariables(task.getExecutionId(), missing));
            available.addAll(missing);
        }
        return Optional.of(new ProcessStep(task.getId(), task.getProcessInstanceId(), task.getActivityId(),
                configuration.getOrDefault("step", ""), configuration, variables, available));
    }

    /**
     * The step's configuration: its properties. A step of a version deployed with input parameters
     * (templates version 1) also has them: literal ones as written, expressions as the engine
     * evaluated them into the step's local variable.
     */
    private static Map<String, String> configuration(CallStepModel.Step model, Map<String, Object> variables) {
        Map<String, String> configuration = new LinkedHashMap<>();
        if (model == null) {
            return configuration;
        }
        model.configuration().forEach((name, value) -> {
            if (!value.contains("${")) {
                configuration.put(name, value);
            } else if (variables.get(name) != null) {
                configuration.put(name, variables.get(name).toString());
            }
        });
        return configuration;
    }

    private Set<String> variablesReadBySteps(String processDefinitionId) {
        Set<String> names = new TreeSet<>();
        for (CallStepModel.Step step : steps(processDefinitionId).values()) {
            Map<String, String> literal = step.configuration().entrySet().stream()
                    .filter(e -> !e.getValue().contains("${"))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            names.addAll(reads.of(literal));
            // Expression inputs of an old version: the engine's local variable holds the value.
            step.inputParameters().forEach((name, value) -> {
                if (value.contains("${")) {
                    names.add(name);
                }
            });
        }
        return names;
    }

    private Map<String, CallStepModel.Step> steps(String processDefinitionId) {
        return steps.computeIfAbsent(processDefinitionId, id -> CallStepModels.steps(repository.getBpmnModelInstance(id))
                .stream().collect(Collectors.toMap(CallStepModel.Step::activityId, step -> step)));
    }

    /** Completes a step with its outcome; the process moves on to its next wait state. */
    public void complete(ProcessStep step, Map<String, Object> outcome) {
        externalTasks.complete(step.taskId(), workerId, outcome);
    }

    /**
     * Completes a step and fetches the call's next one in a single transaction: one commit (and its
     * log flush) per step instead of two, and no transaction boundary statements in between. When
     * there is no next step, the process's variables are read in the same transaction (its history
     * rows are already written there). If the fetch fails, the completion is rolled back with it:
     * the process stays at the step.
     */
    public Next completeAndFetchNext(ProcessStep step, Map<String, Object> outcome, String callId,
            String processDefinitionId) {
        return transactions.execute(status -> {
            complete(step, outcome);
            Optional<ProcessStep> next = nextStep(callId, processDefinitionId);
            return new Next(next, next.isEmpty() ? variables(step.processInstanceId()) : Map.of());
        });
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
