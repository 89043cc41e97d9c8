package org.griot.workflow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.griot.workflow.ModelProblem;
import org.griot.workflow.ModelSafetyCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ModelSafetyCheck} before the engine's own deployers, on every deployment whatever its door
 * (Griot's upload, the engine REST API, Cockpit, RepositoryService) and again whenever the engine
 * re-reads a stored deployment into its cache, so a model stored before this check (or written into
 * the database directly) does not run either.
 */
final class ModelSandboxDeployer implements Deployer {

    private static final Logger log = LoggerFactory.getLogger(ModelSandboxDeployer.class);

    private final Predicate<String> serverObjects;

    ModelSandboxDeployer(Predicate<String> serverObjects) {
        this.serverObjects = serverObjects;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        List<ModelProblem> problems = new ArrayList<>();
        for (ResourceEntity resource : deployment.getResources().values()) {
            if (ModelSafetyCheck.isModel(resource.getName())) {
                problems.addAll(ModelSafetyCheck.problems(resource.getName(), resource.getBytes(), serverObjects));
            }
        }
        if (!problems.isEmpty()) {
            log.warn("Deployment {} refused by Griot's model check ({}): {}", deployment.getName(),
                    deployment.isNew() ? "new" : "stored", problems);
            throw new RefusedModelException(problems);
        }
    }

    /**
     * The engine's refusal as a parse error, so every door reports it the way it reports a broken model:
     * the engine REST API answers 400 with the problems, Griot's upload shows them with their lines.
     */
    static final class RefusedModelException extends ParseException {

        RefusedModelException(List<ModelProblem> problems) {
            super("Model refused by Griot (models are data, not code): " + problems, problems.get(0).resource(),
                    problems.stream().<Problem>map(EngineProblem::new).toList(), List.of());
        }
    }

    private record EngineProblem(ModelProblem problem) implements Problem {
        @Override
        public String getMessage() {
            return problem.message();
        }

        @Override
        public int getLine() {
            return problem.line();
        }

        @Override
        public int getColumn() {
            return problem.column();
        }

        @Override
        public String getMainElementId() {
            return problem.elementId();
        }

        @Override
        public List<String> getElementIds() {
            return problem.elementId() == null ? List.of() : List.of(problem.elementId());
        }
    }
}
