package org.griot.workflow;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;

/** Reads the call steps (external tasks of topic "ivr") of a BPMN model with Camunda's model API. */
final class CallStepModels {

    private CallStepModels() {
    }

    static CallStepModel read(String resource, byte[] content) {
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
        List<CallStepModel.Step> steps = new ArrayList<>();
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if (!"external".equals(task.getCamundaType()) || !CallProcesses.TOPIC.equals(task.getCamundaTopic())) {
                continue;
            }
            Map<String, String> inputs = new LinkedHashMap<>();
            if (task.getExtensionElements() != null) {
                for (CamundaInputOutput io : task.getExtensionElements().getElementsQuery()
                        .filterByType(CamundaInputOutput.class).list()) {
                    for (CamundaInputParameter input : io.getCamundaInputParameters()) {
                        inputs.put(input.getCamundaName(), input.getTextContent() == null ? "" : input.getTextContent().trim());
                    }
                }
            }
            steps.add(new CallStepModel.Step(task.getId(), inputs.getOrDefault("step", ""), inputs));
        }
        return new CallStepModel(resource, steps);
    }
}
