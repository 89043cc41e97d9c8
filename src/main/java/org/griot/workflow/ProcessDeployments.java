package org.griot.workflow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.ResourceReport;
import org.griot.audit.AuditAction;
import org.griot.audit.AuditEvent.Outcome;
import org.griot.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Deploys the BPMN/DMN models of the processes folder at start (one deployment per file, named by
 * its path relative to the folder, with duplicate filtering so an unchanged file keeps its version)
 * and accepts uploads. A model that does not parse or validate is refused with its problems; Camunda
 * deploys atomically, so the running version keeps serving. Every model first passes
 * {@link ModelSafetyCheck} (models are data, not code); the engine checks again on its own doors.
 */
@Service
@Order(10)
public class ProcessDeployments implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProcessDeployments.class);
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,150}\\.(bpmn|dmn)");
    private static final Pattern EXECUTABLE = Pattern.compile("isExecutable\\s*=\\s*\"true\"");
    static final String SOURCE_FOLDER = "griot:processes-folder";
    static final String SOURCE_UPLOAD = "griot:upload";

    private final RepositoryService repository;
    private final IdentityService identity;
    private final ProcessesProperties properties;
    private final ProcessCatalog catalog;
    private final AuditTrail audit;
    private final Map<String, List<ModelProblem>> folderProblems = new ConcurrentHashMap<>();
    private final List<CallStepModel.Check> checks;
    private final Predicate<String> serverObjects;

    ProcessDeployments(RepositoryService repository, IdentityService identity, ProcessesProperties properties,
            ProcessCatalog catalog, AuditTrail audit, List<CallStepModel.Check> checks, ApplicationContext context) {
        this.checks = checks;
        this.serverObjects = context::containsBean;
        this.repository = repository;
        this.identity = identity;
        this.properties = properties;
        this.catalog = catalog;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments args) {
        deployFolder();
    }

    /** Deploys every model of the folder; a broken file is reported and skipped, the others deploy. */
    public List<DeploymentOutcome> deployFolder() {
        Path root = folder();
        List<DeploymentOutcome> outcomes = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            log.warn("The processes folder {} does not exist: nothing deployed", root);
            return outcomes;
        }
        List<Path> models;
        try (Stream<Path> files = Files.walk(root)) {
            models = files.filter(Files::isRegularFile).filter(p -> isModel(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the processes folder " + root, e);
        }
        folderProblems.clear();
        for (Path model : models) {
            String resource = root.relativize(model).toString().replace('\\', '/');
            try {
                DeploymentOutcome outcome = deploy(resource, Files.readAllBytes(model), SOURCE_FOLDER);
                outcomes.add(outcome);
                if (outcome.changed()) {
                    audit.record(AuditAction.PROCESS_DEPLOYED, "process:" + resource, null, describe(outcome), Outcome.SUCCESS);
                }
            } catch (ModelRejectedException e) {
                folderProblems.put(resource, e.problems());
                log.error("Process model {} refused at start; the deployed version (if any) keeps serving: {}", resource,
                        e.problems());
                audit.record(AuditAction.PROCESS_DEPLOYMENT_REJECTED, "process:" + resource, null,
                        e.problems().toString(), Outcome.FAILURE);
            } catch (IOException e) {
                folderProblems.put(resource, List.of(new ModelProblem(resource, 0, 0, null, "unreadable: " + e.getMessage())));
            }
        }
        log.info("Processes folder {}: {} model(s), {} changed, {} refused", root, models.size(),
                outcomes.stream().filter(DeploymentOutcome::changed).count(), folderProblems.size());
        return outcomes;
    }

    /**
     * An analyst's upload: validated by Camunda's parser, deployed as a new version of the model with the
     * same file name, then written to the processes folder so the next start deploys the same content.
     */
    @PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
    public DeploymentOutcome upload(String fileName, byte[] content) {
        if (fileName == null || !MODEL_NAME.matcher(fileName).matches()) {
            throw reject(fileName, "a model file is named like name.bpmn or name.dmn (letters, digits, '.', '-', '_')");
        }
        if (content.length > properties.maxUploadSize().toBytes()) {
            audit.record(AuditAction.PROCESS_DEPLOYMENT_REJECTED, "process:" + fileName, null,
                    "too large: " + content.length + " bytes", Outcome.FAILURE);
            throw new ModelTooLargeException(fileName, content.length, properties.maxUploadSize());
        }
        String actor = AuditTrail.currentActor();
        DeploymentOutcome outcome;
        identity.setAuthenticatedUserId(actor);
        try {
            outcome = deploy(fileName, content, SOURCE_UPLOAD);
        } catch (ModelRejectedException e) {
            audit.record(AuditAction.PROCESS_DEPLOYMENT_REJECTED, "process:" + fileName, null, e.problems().toString(),
                    Outcome.FAILURE);
            throw e;
        } finally {
            identity.clearAuthentication();
        }
        writeAtomically(fileName, content);
        audit.record(AuditAction.PROCESS_DEPLOYED, "process:" + fileName, previousVersions(outcome), describe(outcome),
                Outcome.SUCCESS);
        return outcome;
    }

    /** Problems of folder files refused at the last folder deployment, by resource. */
    public Map<String, List<ModelProblem>> folderProblems() {
        return Collections.unmodifiableMap(folderProblems);
    }

    private DeploymentOutcome deploy(String resource, byte[] content, String source) {
        if (resource.endsWith(".bpmn") && !EXECUTABLE.matcher(new String(content, StandardCharsets.UTF_8)).find()) {
            throw reject(resource, "no executable process: set isExecutable=\"true\" on the process");
        }
        List<ModelProblem> unsafe = ModelSafetyCheck.problems(resource, content, serverObjects);
        if (!unsafe.isEmpty()) {
            throw new ModelRejectedException(unsafe);
        }
        if (resource.endsWith(".bpmn")) {
            checkCallSteps(resource, content);
        }
        DeploymentWithDefinitions deployment;
        try {
            deployment = repository.createDeployment()
                    .name(resource)
                    .source(source)
                    .enableDuplicateFiltering(true)
                    .addInputStream(resource, new ByteArrayInputStream(content))
                    .deployWithResult();
        } catch (ParseException e) {
            List<ModelProblem> problems = new ArrayList<>();
            for (ResourceReport report : e.getResorceReports()) {
                report.getErrors().forEach(p -> problems.add(new ModelProblem(report.getResourceName(), p.getLine(),
                        p.getColumn(), p.getMainElementId(), p.getMessage())));
            }
            if (problems.isEmpty()) {
                problems.add(new ModelProblem(resource, 0, 0, null, e.getMessage()));
            }
            throw new ModelRejectedException(problems);
        } catch (ProcessEngineException e) {
            throw reject(resource, rootMessage(e));
        }
        List<DeployedModel> definitions = catalog.definitionsOf(deployment);
        return new DeploymentOutcome(resource, !definitions.isEmpty(), definitions);
    }

    /** Runs the features' checks (e.g. prompts exist in every language) on the model's call steps. */
    private void checkCallSteps(String resource, byte[] content) {
        CallStepModel model;
        try {
            model = CallStepModels.read(resource, content);
        } catch (RuntimeException unreadable) {
            return; // Camunda's parser reports it with line numbers
        }
        List<ModelProblem> problems = new ArrayList<>();
        checks.forEach(check -> problems.addAll(check.problems(model)));
        if (!problems.isEmpty()) {
            throw new ModelRejectedException(problems);
        }
    }

    private static boolean isModel(String fileName) {
        return fileName.endsWith(".bpmn") || fileName.endsWith(".dmn");
    }

    private Path folder() {
        return Path.of(properties.path()).toAbsolutePath().normalize();
    }

    private void writeAtomically(String fileName, byte[] content) {
        Path target = folder().resolve(fileName).normalize();
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.error("Model {} deployed but could not be written to {}: the next start redeploys the folder's version",
                    fileName, target, e);
        }
    }

    private String previousVersions(DeploymentOutcome outcome) {
        return outcome.definitions().stream().filter(d -> d.version() > 1)
                .map(d -> d.key() + " v" + (d.version() - 1)).reduce((a, b) -> a + ", " + b).orElse(null);
    }

    private static String describe(DeploymentOutcome outcome) {
        return outcome.definitions().stream().map(d -> d.kind() + " " + d.key() + " v" + d.version())
                .reduce((a, b) -> a + ", " + b).orElse("unchanged");
    }

    private static ModelRejectedException reject(String resource, String message) {
        return new ModelRejectedException(List.of(new ModelProblem(resource, 0, 0, null, message)));
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? e.getMessage() : e.getMessage() + " (" + cause.getMessage() + ")";
    }
}
