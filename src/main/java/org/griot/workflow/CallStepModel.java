package org.griot.workflow;

import java.util.List;
import java.util.Map;

/**
 * What a model asks calls to do, for checks that belong to other features (e.g. the IVR checks that
 * every prompt a step plays exists in every language): each external task of topic "ivr", with its
 * configuration ({@code camunda:property} name/value pairs).
 */
public record CallStepModel(String resource, List<Step> steps) {

    /**
     * One call step. {@code configuration}: its properties (and, for a model of the first templates,
     * its literal input parameters); {@code inputParameters}: the {@code camunda:inputParameter}s it
     * still has, empty for a current model.
     */
    public record Step(String activityId, String kind, Map<String, String> configuration, Map<String, String> inputParameters) {

        public Step {
            configuration = Map.copyOf(configuration);
            inputParameters = Map.copyOf(inputParameters);
        }
    }

    /** The call steps of a BPMN model (its bytes), as the deployment checks see them. */
    public static CallStepModel read(String resource, byte[] bpmn) {
        return CallStepModels.read(resource, bpmn);
    }

    /** A check run on every BPMN model before it is deployed; any problem refuses the deployment. */
    public interface Check {
        List<ModelProblem> problems(CallStepModel model);
    }
}
