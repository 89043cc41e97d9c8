package org.griot.workflow.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;

/**
 * History level {@value #NAME} (docs/adr/0017-narrower-history-for-call-processes.md): Camunda's
 * {@code full} for every process, except for the call processes (those with IVR steps, found when
 * the engine parses them), which keep what the auditors read — process instance start/end with the
 * process version, every activity instance with start/end (the call's path), variable instances
 * (their last value: the call's outcome), incidents, jobs and the user operation log — and drop the
 * per-step detail: each variable update ({@code ACT_HI_DETAIL}), form properties and the external
 * task log ({@code ACT_HI_EXT_TASK_LOG}) of steps that succeed (a failed step is still logged).
 */
public final class CallHistoryLevel extends AbstractHistoryLevel {

    public static final String NAME = "griot-call";
    /** Stored in ACT_GE_PROPERTY "historyLevel"; Camunda's own levels are 0-3. */
    public static final int ID = 30;

    private static final Set<HistoryEventTypes> DROPPED_FOR_CALLS = EnumSet.of(
            HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL,
            HistoryEventTypes.FORM_PROPERTY_UPDATE,
            HistoryEventTypes.EXTERNAL_TASK_CREATE,
            HistoryEventTypes.EXTERNAL_TASK_SUCCESS,
            HistoryEventTypes.EXTERNAL_TASK_DELETE);

    private final Set<String> callProcessKeys = ConcurrentHashMap.newKeySet();

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** A process with IVR steps: its history is the narrower one (called by the parse listener). */
    void callProcess(String processDefinitionKey) {
        callProcessKeys.add(processDefinitionKey);
    }

    boolean isCallProcess(String processDefinitionKey) {
        return processDefinitionKey != null && callProcessKeys.contains(processDefinitionKey);
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        // The engine also asks with no entity (e.g. at parse time, to install its history listeners):
        // then the answer is full's, since some process needs the event.
        if (!(eventType instanceof HistoryEventTypes type) || !DROPPED_FOR_CALLS.contains(type)) {
            return true;
        }
        return !isCallProcess(processDefinitionKey(entity));
    }

    private static String processDefinitionKey(Object entity) {
        if (entity instanceof HistoryEvent event) {
            return event.getProcessDefinitionKey();
        }
        if (entity instanceof ExternalTaskEntity task) {
            return task.getProcessDefinitionKey();
        }
        if (entity instanceof ExecutionEntity execution && execution.getProcessDefinition() != null) {
            return execution.getProcessDefinition().getKey();
        }
        return null;
    }
}
