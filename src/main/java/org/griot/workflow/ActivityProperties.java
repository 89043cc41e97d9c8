package org.griot.workflow;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.FlowElement;

/**
 * The settings ({@code camunda:property} list) of the activity a delegate runs for, read from the
 * deployed model (Camunda caches it): a delegate's configuration without the local variables an input
 * parameter would write.
 */
public final class ActivityProperties {

    private ActivityProperties() {
    }

    public static Map<String, String> of(DelegateExecution execution) {
        FlowElement element = execution.getBpmnModelElementInstance();
        return element == null ? Map.of() : CallStepModels.properties(element);
    }
}
