package org.griot.workflow;

import java.util.List;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Refuses a model whose call steps are still configured with {@code camunda:inputParameter} (element
 * templates version 1): every input parameter becomes a local process variable, written to the
 * runtime and history tables when the step starts and deleted when it ends — most of the database
 * work of an IVR step (docs/performance.md). Steps are configured with {@code camunda:property}
 * (templates version 2), which Griot reads from the deployed model. Versions deployed before this
 * rule keep running; only new deployments are refused, with the step and inputs named.
 */
@Component
class StepConfigurationCheck implements CallStepModel.Check {

    @Override
    public List<ModelProblem> problems(CallStepModel model) {
        return model.steps().stream().filter(step -> !step.inputParameters().isEmpty())
                .map(step -> new ModelProblem(model.resource(), 0, 0, step.activityId(),
                        "the step is configured with camunda:inputParameter " + new TreeSet<>(step.inputParameters().keySet())
                                + "; IVR steps take camunda:property instead (element templates version 2: in Camunda"
                                + " Modeler, update the task's template, or replace each <camunda:inputParameter name=\"x\">v"
                                + "</camunda:inputParameter> by <camunda:property name=\"x\" value=\"v\"/> inside"
                                + " <camunda:properties>; see docs/ivr-analyst-guide.md)"))
                .toList();
    }
}
