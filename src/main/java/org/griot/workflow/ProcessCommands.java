package org.griot.workflow;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/**
 * Starting processes by key and delivering messages to them, for features that keep their work in
 * BPMN (callback requests, playbooks) without binding to Camunda themselves.
 */
@Service
public class ProcessCommands {

    private final RuntimeService runtime;

    ProcessCommands(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Starts the production (latest deployed) version of {@code processKey}; returns the instance id. */
    public String start(String processKey, String businessKey, Map<String, Object> variables) {
        return runtime.startProcessInstanceByKey(processKey, businessKey, variables).getId();
    }

    /**
     * Runs a process that needs no one (a decision playbook) to its end and returns its variables;
     * it must not wait on anything.
     */
    public Map<String, Object> run(String processKey, String businessKey, Map<String, Object> variables) {
        var instance = runtime.createProcessInstanceByKey(processKey).businessKey(businessKey).setVariables(variables)
                .executeWithVariablesInReturn();
        if (!instance.isEnded()) {
            runtime.deleteProcessInstance(instance.getId(), "a playbook must not wait", true, true);
            throw new IllegalStateException("Process " + processKey + " waited instead of deciding at once");
        }
        return new java.util.HashMap<>(instance.getVariables());
    }

    /**
     * Delivers {@code message} to the instance of {@code processKey} with this business key that waits
     * for it; false when none waits (already ended, or not at that point).
     */
    public boolean deliver(String processKey, String businessKey, String message, Map<String, Object> variables) {
        if (!isRunning(processKey, businessKey)) {
            return false;
        }
        var result = runtime.createMessageCorrelation(message).processInstanceBusinessKey(businessKey)
                .setVariables(variables).correlateAllWithResult();
        return !result.isEmpty();
    }

    /** Ends the instance of {@code processKey} with this business key, with a reason history keeps. */
    public boolean cancel(String processKey, String businessKey, String reason) {
        var instances = runtime.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(businessKey)
                .list();
        instances.forEach(instance -> runtime.deleteProcessInstance(instance.getId(), reason, true, true));
        return !instances.isEmpty();
    }

    public boolean isRunning(String processKey, String businessKey) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(processKey).processInstanceBusinessKey(businessKey)
                .active().count() > 0;
    }
}
