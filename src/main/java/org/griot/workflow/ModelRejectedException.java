package org.griot.workflow;

import java.util.List;

/** A model that was refused; nothing was deployed and the running version keeps serving. */
public class ModelRejectedException extends RuntimeException {

    private final transient List<ModelProblem> problems;

    public ModelRejectedException(List<ModelProblem> problems) {
        super("Model rejected: " + problems.size() + " problem(s); first: " + (problems.isEmpty() ? "-" : problems.get(0)));
        this.problems = List.copyOf(problems);
    }

    public List<ModelProblem> problems() {
        return problems;
    }
}
