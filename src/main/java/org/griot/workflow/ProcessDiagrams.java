package org.griot.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

/**
 * The diagrams of deployed process versions. A deployed version never changes, so each is parsed
 * once and kept (by definition id).
 */
@Service
public class ProcessDiagrams {

    private final RepositoryService repository;
    private final ConcurrentMap<String, ProcessDiagram> byDefinition = new ConcurrentHashMap<>();

    ProcessDiagrams(RepositoryService repository) {
        this.repository = repository;
    }

    public Optional<ProcessVersion> version(String processKey, int version) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .processDefinitionVersion(version).singleResult();
        return Optional.ofNullable(definition).map(ProcessDiagrams::toVersion);
    }

    public Optional<ProcessVersion> latest(String processKey) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .latestVersion().singleResult();
        return Optional.ofNullable(definition).map(ProcessDiagrams::toVersion);
    }

    public Optional<ProcessVersion> definition(String definitionId) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionId(definitionId)
                .singleResult();
        return Optional.ofNullable(definition).map(ProcessDiagrams::toVersion);
    }

    /** Every version of a process, newest first. */
    public List<ProcessVersion> versions(String processKey) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(processKey).orderByProcessDefinitionVersion()
                .desc().list().stream().map(ProcessDiagrams::toVersion).toList();
    }

    /** The keys of the deployed processes, sorted. */
    public List<String> processKeys() {
        return repository.createProcessDefinitionQuery().latestVersion().list().stream().map(ProcessDefinition::getKey)
                .sorted().toList();
    }

    public ProcessDiagram diagram(ProcessVersion version) {
        return byDefinition.computeIfAbsent(version.definitionId(), this::load);
    }

    private ProcessDiagram load(String definitionId) {
        ProcessDefinition definition = repository.getProcessDefinition(definitionId);
        try (var stream = repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
            return ProcessDiagram.parse(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProcessVersion toVersion(ProcessDefinition definition) {
        return new ProcessVersion(definition.getId(), definition.getKey(), definition.getVersion(), definition.getName());
    }
}
