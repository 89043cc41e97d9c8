package org.griot.workflow;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Reads the call steps (external tasks of topic "ivr") of a BPMN model with Camunda's model API: the
 * step's configuration is its {@code camunda:property} list, read from the model — never a process
 * variable, so a step costs no variable rows. {@code camunda:inputParameter}s of models made with
 * the first element templates are read too (literal values), so that versions deployed before
 * properties keep running; new deployments of such models are refused ({@link StepConfigurationCheck}).
 */
final class CallStepModels {

    private CallStepModels() {
    }

    static CallStepModel read(String resource, byte[] content) {
        return new CallStepModel(resource, steps(Bpmn.readModelFromStream(new ByteArrayInputStream(content))));
    }

    static List<CallStepModel.Step> steps(BpmnModelInstance model) {
        List<CallStepModel.Step> steps = new ArrayList<>();
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if (!"external".equals(task.getCamundaType()) || !CallProcesses.TOPIC.equals(task.getCamundaTopic())) {
                continue;
            }
            Map<String, String> inputs = inputParameters(task);
            Map<String, String> configuration = new LinkedHashMap<>(inputs);
            configuration.putAll(properties(task));
            steps.add(new CallStepModel.Step(task.getId(), configuration.getOrDefault("step", ""), configuration, inputs));
        }
        return steps;
    }

    /** The {@code camunda:property} name/value pairs of an element (trimmed; blank values left out). */
    static Map<String, String> properties(BaseElement element) {
        Map<String, String> properties = new LinkedHashMap<>();
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            return properties;
        }
        for (CamundaProperties list : extensions.getElementsQuery().filterByType(CamundaProperties.class).list()) {
            for (CamundaProperty property : list.getCamundaProperties()) {
                String value = property.getCamundaValue() == null ? property.getTextContent() : property.getCamundaValue();
                if (property.getCamundaName() != null && value != null && !value.isBlank()) {
                    properties.put(property.getCamundaName(), value.trim());
                }
            }
        }
        return properties;
    }

    private static Map<String, String> inputParameters(BaseElement element) {
        Map<String, String> inputs = new LinkedHashMap<>();
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            return inputs;
        }
        for (CamundaInputOutput io : extensions.getElementsQuery().filterByType(CamundaInputOutput.class).list()) {
            for (CamundaInputParameter input : io.getCamundaInputParameters()) {
                inputs.put(input.getCamundaName(), input.getTextContent() == null ? "" : input.getTextContent().trim());
            }
        }
        return inputs;
    }
}
