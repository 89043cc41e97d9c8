package org.griot.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.griot.workflow.HostileModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run-time half of the model sandbox, on its own: engines whose deployments are NOT checked (as if a
 * model had been stored before the check, or written into the database), so only the sandbox stands
 * between a hostile model and the server. A plain Camunda engine runs the same models first, to show
 * that each payload really writes the marker when nothing stops it.
 */
class ModelSandboxRuntimeTests {

    static ProcessEngine plain;
    static ProcessEngine sandboxed;
    static ProcessEngine checked;

    @TempDir
    Path folder;
    Path marker;

    @BeforeAll
    static void engines() {
        plain = engine("plain", "griot-plain", null);
        JavaDelegate language = execution -> execution.setVariable("language", "fr");
        ModelSandboxPlugin.DelegateLookup anyBean = name -> name.equals("ivrSetLanguage") ? language : new Object();
        sandboxed = engine("sandboxed", "griot-sandbox", new ModelSandboxPlugin(anyBean, name -> false, false));
        // Same database as "sandboxed", with the deployment check: reads what the unchecked engine stored.
        checked = engine("checked", "griot-sandbox", new ModelSandboxPlugin(anyBean, "processDeployments"::equals, true));
    }

    @AfterAll
    static void close() {
        checked.close();
        sandboxed.close();
        plain.close();
    }

    @BeforeEach
    void marker() {
        marker = folder.resolve("pwned");
        System.setProperty(HostileModels.MARKER_PROPERTY, marker.toString());
    }

    @AfterEach
    void clean() {
        for (ProcessEngine engine : new ProcessEngine[] {plain, sandboxed}) {
            engine.getRepositoryService().createDeploymentQuery().list()
                    .forEach(d -> engine.getRepositoryService().deleteDeployment(d.getId(), true, true));
        }
        System.clearProperty(HostileModels.MARKER_PROPERTY);
    }

    @Test
    void juelReflectionToJavaWritesTheMarkerOnAPlainEngineAndNothingInTheSandbox() throws Exception {
        String key = "hostile-juel-reflection";
        start(plain, key);
        assertThat(marker).exists();
        Files.delete(marker);

        assertThatThrownBy(() -> start(sandboxed, key)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("getClass");
        assertThat(marker).doesNotExist();
    }

    @Test
    void engineServicesAreNotReachable() throws Exception {
        String key = "hostile-engine-services";
        start(plain, key);
        assertThat(marker).exists();
        Files.delete(marker);

        assertThatThrownBy(() -> start(sandboxed, key)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("execution");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aConditionCallingJavaDoesNotRun() {
        assertThatThrownBy(() -> start(sandboxed, "hostile-condition")).isInstanceOf(ProcessEngineException.class);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aClassNamedByTheModelIsNeverInstantiated() throws Exception {
        for (String key : new String[] {"hostile-class-task", "hostile-class-listener"}) {
            start(plain, key);
            assertThat(marker).as(key).exists();
            Files.delete(marker);

            assertThatThrownBy(() -> start(sandboxed, key)).as(key).isInstanceOf(ProcessEngineException.class)
                    .hasMessageContaining("never instantiated");
            assertThat(marker).as(key).doesNotExist();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"juel", "groovy", "javascript", "python"})
    void noScriptRunsInAnyLanguage(String language) {
        assertThatThrownBy(() -> start(sandboxed, "hostile-script-" + language)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Scripts are disabled");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aJuelScriptWritesTheMarkerOnAPlainEngine() {
        start(plain, "hostile-script-juel");
        assertThat(marker).exists();
    }

    @Test
    void aTimerStartEventFiringAHostileExpressionRunsNothing() {
        deploy(sandboxed, "hostile-timer-start");
        Job timer = sandboxed.getManagementService().createJobQuery().singleResult();
        assertThat(timer).isNotNull();

        assertThatThrownBy(() -> sandboxed.getManagementService().executeJob(timer.getId()))
                .isInstanceOf(ProcessEngineException.class);
        assertThat(marker).doesNotExist();
        assertThatThrownBy(() -> deploy(sandboxed, "hostile-timer-expression")).isInstanceOf(ProcessEngineException.class);
        assertThat(marker).doesNotExist();
    }

    @Test
    void beansAreNotResolvedUnlessRegisteredAndNoMethodRunsOnARegisteredOne() {
        assertThatThrownBy(() -> start(sandboxed, "hostile-bean-method")).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("processDeployments");
        assertThat(marker).doesNotExist();

        String callsADelegatesMethod = HostileModels.process(HostileModels.task(
                "<bpmn:serviceTask id=\"pwn\" camunda:expression=\"${ivrSetLanguage.execute(null)}\"/>"))
                .replace("id=\"KEY\"", "id=\"delegate-method\"");
        sandboxed.getRepositoryService().createDeployment().addString("delegate-method.bpmn", callsADelegatesMethod).deploy();
        assertThatThrownBy(() -> sandboxed.getRuntimeService().startProcessInstanceByKey("delegate-method"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("execute");
    }

    @Test
    void variablesOperatorsFunctionsAndRegisteredDelegatesWorkInTheSandbox() {
        String bpmn = HostileModels.process("""
                <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="lang"/>
                <bpmn:serviceTask id="lang" camunda:delegateExpression="${ivrSetLanguage}"/>
                <bpmn:sequenceFlow id="f2" sourceRef="lang" targetRef="gate"/>
                <bpmn:exclusiveGateway id="gate" default="other"/>
                <bpmn:sequenceFlow id="benin" sourceRef="gate" targetRef="yes">
                  <bpmn:conditionExpression>${startsWith(callerNumber, '229') &amp;&amp; customer.segment == 'VIP'
                    &amp;&amp; length(upper(language)) == 2 &amp;&amp; now() != null}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="other" sourceRef="gate" targetRef="no"/>
                <bpmn:endEvent id="yes"/><bpmn:endEvent id="no"/>""").replace("id=\"KEY\"", "id=\"allowed\"");
        checked.getRepositoryService().createDeployment().addString("allowed.bpmn", bpmn).deploy();

        String instance = checked.getRuntimeService().startProcessInstanceByKey("allowed",
                Map.of("callerNumber", "22997000001", "customer", Map.of("segment", "VIP"))).getId();

        assertThat(checked.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("yes").count()).isEqualTo(1);
    }

    @Test
    void theEngineRefusesAHostileDeploymentOnEveryDoorWithGriotsReasons() {
        for (HostileModels.Hostile model : HostileModels.all(marker)) {
            assertThatThrownBy(() -> checked.getRepositoryService().createDeployment()
                    .addString(model.fileName(), model.bpmn()).deploy()).as(model.key())
                    .isInstanceOf(ProcessEngineException.class).hasMessageContaining(model.reason());
        }
        assertThat(checked.getRepositoryService().createProcessDefinitionQuery().processDefinitionKeyLike("hostile%")
                .count()).isZero();
        assertThat(marker).doesNotExist();
    }

    @Test
    void aHostileModelStoredBeforeTheCheckDoesNotRunEither() {
        deploy(sandboxed, "hostile-class-task");
        String definition = sandboxed.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("hostile-class-task").singleResult().getId();

        // "checked" has never loaded this definition: reading it from the database runs Griot's check.
        assertThatThrownBy(() -> checked.getRuntimeService().startProcessInstanceById(definition))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("camunda:class");
        assertThat(marker).doesNotExist();
    }

    private void start(ProcessEngine engine, String key) {
        deploy(engine, key);
        engine.getRuntimeService().startProcessInstanceByKey(key);
    }

    private void deploy(ProcessEngine engine, String key) {
        HostileModels.Hostile model = HostileModels.all(marker).stream().filter(h -> h.key().equals(key)).findFirst()
                .orElseThrow();
        engine.getRepositoryService().createDeployment().addString(model.fileName(), model.bpmn()).deploy();
    }

    static ProcessEngine engine(String name, String database, ProcessEnginePlugin plugin) {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setJobExecutorActivate(false);
        configuration.setHistory("activity");
        if (plugin != null) {
            configuration.getProcessEnginePlugins().add(plugin);
        }
        return configuration.buildProcessEngine();
    }
}
