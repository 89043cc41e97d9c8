package org.griot.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

/** What is deployed: the latest version of each process and decision, and their history. */
@Service
public class ProcessCatalog {

    private final RepositoryService repository;

    ProcessCatalog(RepositoryService repository) {
        this.repository = repository;
    }

    public List<DeployedModel> latest() {
        List<DeployedModel> models = new ArrayList<>();
        repository.createProcessDefinitionQuery().latestVersion().list().forEach(d -> models.add(process(d)));
        repository.createDecisionDefinitionQuery().latestVersion().list().forEach(d -> models.add(decision(d)));
        models.sort(Comparator.comparing(DeployedModel::key));
        return models;
    }

    public List<DeployedModel> versions(String key) {
        List<DeployedModel> models = new ArrayList<>();
        repository.createProcessDefinitionQuery().processDefinitionKey(key).orderByProcessDefinitionVersion().desc().list()
                .forEach(d -> models.add(process(d)));
        repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).orderByDecisionDefinitionVersion().desc().list()
                .forEach(d -> models.add(decision(d)));
        return models;
    }

    /** The XML of one deployed version, for display and for auditors. */
    public Optional<String> source(String key, int version) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionVersion(version).singleResult();
        if (definition == null) {
            return Optional.empty();
        }
        try (var stream = repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
            return Optional.of(new String(stream.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    List<DeployedModel> definitionsOf(DeploymentWithDefinitions deployment) {
        List<DeployedModel> models = new ArrayList<>();
        if (deployment.getDeployedProcessDefinitions() != null) {
            deployment.getDeployedProcessDefinitions().forEach(d -> models.add(process(d)));
        }
        if (deployment.getDeployedDecisionDefinitions() != null) {
            deployment.getDeployedDecisionDefinitions().forEach(d -> models.add(decision(d)));
        }
        return models;
    }

    private DeployedModel process(ProcessDefinition d) {
        Deployment deployment = deployment(d.getDeploymentId());
        return new DeployedModel("process", d.getKey(), d.getName(), d.getVersion(), d.getResourceName(), d.getDeploymentId(),
                deployedAt(deployment), deployment == null ? null : deployment.getSource());
    }

    private DeployedModel decision(DecisionDefinition d) {
        Deployment deployment = deployment(d.getDeploymentId());
        return new DeployedModel("decision", d.getKey(), d.getName(), d.getVersion(), d.getResourceName(),
                d.getDeploymentId(), deployedAt(deployment), deployment == null ? null : deployment.getSource());
    }

    private Deployment deployment(String id) {
        return repository.createDeploymentQuery().deploymentId(id).singleResult();
    }

    private static Instant deployedAt(Deployment deployment) {
        return deployment == null || deployment.getDeploymentTime() == null ? null : deployment.getDeploymentTime().toInstant();
    }
}
