package org.griot.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.junit.jupiter.api.Test;

/** What the griot-call history level writes, per event type, for call processes and for the others. */
class CallHistoryLevelTests {

    private final CallHistoryLevel level = new CallHistoryLevel();

    CallHistoryLevelTests() {
        level.callProcess("ivr-1919");
    }

    @Test
    void aCallProcessDropsVariableUpdateDetailsAndTheLogOfSuccessfulSteps() {
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL, variableEvent("ivr-1919"))).isFalse();
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.EXTERNAL_TASK_CREATE, externalTask("ivr-1919"))).isFalse();
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.EXTERNAL_TASK_SUCCESS, externalTask("ivr-1919"))).isFalse();
    }

    @Test
    void aCallProcessKeepsItsPathVariablesLastValuesFailuresIncidentsAndUserOperations() {
        for (HistoryEventTypes kept : new HistoryEventTypes[] {HistoryEventTypes.PROCESS_INSTANCE_START,
                HistoryEventTypes.PROCESS_INSTANCE_END, HistoryEventTypes.ACTIVITY_INSTANCE_START,
                HistoryEventTypes.ACTIVITY_INSTANCE_END, HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
                HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.INCIDENT_CREATE,
                HistoryEventTypes.EXTERNAL_TASK_FAIL, HistoryEventTypes.USER_OPERATION_LOG}) {
            assertThat(level.isHistoryEventProduced(kept, variableEvent("ivr-1919"))).as(kept.name()).isTrue();
        }
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.EXTERNAL_TASK_FAIL, externalTask("ivr-1919"))).isTrue();
    }

    @Test
    void otherProcessesAndQuestionsWithoutAnEntityGetFullHistory() {
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL, variableEvent("callback-request"))).isTrue();
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.EXTERNAL_TASK_CREATE, externalTask("outage-playbook"))).isTrue();
        // The engine asks with no entity when it parses a model (to install its history listeners).
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL, null)).isTrue();
        assertThat(level.isHistoryEventProduced(HistoryEventTypes.EXTERNAL_TASK_CREATE, null)).isTrue();
    }

    private static HistoricVariableUpdateEventEntity variableEvent(String processDefinitionKey) {
        HistoricVariableUpdateEventEntity event = new HistoricVariableUpdateEventEntity();
        event.setProcessDefinitionKey(processDefinitionKey);
        return event;
    }

    private static ExternalTaskEntity externalTask(String processDefinitionKey) {
        ExternalTaskEntity task = new ExternalTaskEntity();
        task.setProcessDefinitionKey(processDefinitionKey);
        return task;
    }
}
