package org.griot.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.griot.IntegrationTest;
import org.griot.access.DemoUsersAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

class ProcessDeploymentIntegrationTests extends IntegrationTest {

    @Autowired
    ProcessDeployments deployments;

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    HistoryService history;

    @Autowired
    MockMvc mvc;

    @Autowired
    CallProcesses processes;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void cleanFolder() throws Exception {
        Files.deleteIfExists(PROCESSES.resolve("broken-at-start.bpmn"));
        Files.deleteIfExists(PROCESSES.resolve("greeting.bpmn"));
    }

    @Test
    void theFolderIsDeployedAtStartAndTheSampleProcessRunsTheRules() {
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("sample-triage").count()).isPositive();

        ProcessInstance instance = runtime.startProcessInstanceByKey("sample-triage",
                Map.of("callerNumber", "22997000001", "segment", "VIP"));

        Map<String, Object> variables = runtime.getVariables(instance.getId());
        assertThat(variables).containsEntry("priority", 1).containsEntry("queue", "vip");
        assertThat((String) variables.get("decisionExplanation")).contains("Priority numbers first");
        var task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo("review");
        tasks.complete(task.getId());
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list())
                .extracting("activityId").contains("caller-arrived", "triage", "review", "triaged");
    }

    @Test
    void redeployingAnUnchangedFolderKeepsTheVersions() {
        long before = repository.createProcessDefinitionQuery().count();

        assertThat(deployments.deployFolder()).allSatisfy(outcome -> assertThat(outcome.changed()).isFalse());

        assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(before);
    }

    @Test
    void aBrokenFileInTheFolderIsRefusedAndTheOthersStillDeploy() throws Exception {
        Files.writeString(PROCESSES.resolve("broken-at-start.bpmn"), "<bpmn:definitions isExecutable=\"true\"><oops>");

        deployments.deployFolder();

        assertThat(deployments.folderProblems()).containsKey("broken-at-start.bpmn");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("sample-triage").count()).isPositive();
        Files.delete(PROCESSES.resolve("broken-at-start.bpmn"));
        deployments.deployFolder();
        assertThat(deployments.folderProblems()).isEmpty();
    }

    @Test
    @WithMockUser(username = "ana", roles = "ANALYST")
    void aValidUploadBecomesTheNextVersionIsWrittenToTheFolderAndIsAudited() throws Exception {
        DeploymentOutcome first = deployments.upload("greeting.bpmn", greeting("Hello").getBytes(StandardCharsets.UTF_8));
        DeploymentOutcome second = deployments.upload("greeting.bpmn", greeting("Bonjour").getBytes(StandardCharsets.UTF_8));
        DeploymentOutcome same = deployments.upload("greeting.bpmn", greeting("Bonjour").getBytes(StandardCharsets.UTF_8));

        assertThat(first.changed()).isTrue();
        assertThat(second.definitions()).singleElement()
                .satisfies(d -> assertThat(d.version()).isEqualTo(first.definitions().get(0).version() + 1));
        assertThat(same.changed()).isFalse();
        assertThat(Files.readString(PROCESSES.resolve("greeting.bpmn"))).contains("Bonjour");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'PROCESS_DEPLOYED' and actor = 'ana'")
                .query(Integer.class).single()).isGreaterThanOrEqualTo(3);
        assertThat(history.createUserOperationLogQuery().userId("ana").entityType("Deployment").count()).isPositive();
    }

    @Test
    @WithMockUser(username = "ana", roles = "ANALYST")
    void anInvalidModelIsRefusedWithItsProblemsAndTheRunningVersionKeepsServing() {
        int serving = repository.createProcessDefinitionQuery().processDefinitionKey("sample-triage").latestVersion()
                .singleResult().getVersion();
        String withoutEnd = sampleTriage().replace("camunda:historyTimeToLive=\"P30D\"", "")
                .replace("targetRef=\"triaged\"", "targetRef=\"nowhere\"");

        assertThatThrownBy(() -> deployments.upload("sample-triage.bpmn", withoutEnd.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ModelRejectedException.class, e -> {
                    assertThat(e.problems()).isNotEmpty();
                    assertThat(e.problems().toString()).contains("nowhere");
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p.line()).isPositive());
                });
        assertThatThrownBy(() -> deployments.upload("sample-triage.bpmn", "not xml at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelRejectedException.class);
        assertThatThrownBy(() -> deployments.upload("script.sh", "#!/bin/sh".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelRejectedException.class);
        assertThatThrownBy(() -> deployments.upload("idle.bpmn",
                sampleTriage().replace("isExecutable=\"true\"", "isExecutable=\"false\"").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ModelRejectedException.class,
                        e -> assertThat(e.problems().get(0).message()).contains("isExecutable"));

        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("sample-triage").latestVersion()
                .singleResult().getVersion()).isEqualTo(serving);
        assertThat(sampleTriage()).doesNotContain("nowhere");
        ProcessInstance stillWorks = runtime.startProcessInstanceByKey("sample-triage",
                Map.of("callerNumber", "22997000002", "segment", "STANDARD"));
        assertThat(runtime.getVariable(stillWorks.getId(), "queue")).isEqualTo("general");
    }

    @Test
    @WithMockUser(username = "ana", roles = "ANALYST")
    void anIvrThatPlaysAPromptMissingInOneLanguageIsRefused() throws Exception {
        String ivr = Files.readString(Path.of("processes", "ivr-1919.bpmn"))
                .replace("<camunda:property name=\"prompt\" value=\"goodbye\"/>",
                        "<camunda:property name=\"prompt\" value=\"see-you-soon\"/>");
        assertThat(ivr).contains("see-you-soon");
        int serving = repository.createProcessDefinitionQuery().processDefinitionKey("ivr-1919").latestVersion()
                .singleResult().getVersion();

        assertThatThrownBy(() -> deployments.upload("ivr-1919.bpmn", ivr.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ModelRejectedException.class, e -> {
                    assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.elementId()).isEqualTo("goodbye"));
                    assertThat(e.problems().toString()).contains("see-you-soon", "fon", "yo");
                });
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("ivr-1919").latestVersion()
                .singleResult().getVersion()).isEqualTo(serving);
    }

    @Test
    @WithMockUser(username = "ana", roles = "ANALYST")
    void anIvrStepStillConfiguredWithInputParametersIsRefusedAndTheMessageSaysWhatToDo() throws Exception {
        String ivr = Files.readString(Path.of("processes", "ivr-1919.bpmn"))
                .replace("<camunda:property name=\"prompt\" value=\"goodbye\"/>",
                        "</camunda:properties><camunda:inputOutput><camunda:inputParameter name=\"prompt\">goodbye"
                                + "</camunda:inputParameter></camunda:inputOutput><camunda:properties>");
        assertThat(ivr).contains("<camunda:inputParameter name=\"prompt\">goodbye");

        assertThatThrownBy(() -> deployments.upload("ivr-1919.bpmn", ivr.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ModelRejectedException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.elementId()).isEqualTo("goodbye");
                            assertThat(p.message()).contains("camunda:inputParameter [prompt]", "camunda:property",
                                    "element templates version 2");
                        }));
    }

    /**
     * A version deployed before step settings became properties (e.g. the release still serving calls)
     * keeps working: literal inputs are read from the model, expressions from the local variable the
     * engine evaluated; the variables a step reads are fetched with it.
     */
    @Test
    void aVersionDeployedWithInputParametersKeepsServingCalls() {
        String legacy = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://griot.org/test">
                  <bpmn:process id="legacy-ivr" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="s"/>
                    <bpmn:serviceTask id="hello" camunda:type="external" camunda:topic="ivr">
                      <bpmn:extensionElements><camunda:inputOutput>
                        <camunda:inputParameter name="step">play</camunda:inputParameter>
                        <camunda:inputParameter name="prompt">welcome</camunda:inputParameter>
                        <camunda:inputParameter name="language">${language}</camunda:inputParameter>
                      </camunda:inputOutput></bpmn:extensionElements>
                    </bpmn:serviceTask>
                    <bpmn:serviceTask id="amount" camunda:type="external" camunda:topic="ivr">
                      <bpmn:extensionElements><camunda:inputOutput>
                        <camunda:inputParameter name="step">say</camunda:inputParameter>
                        <camunda:inputParameter name="variable">balanceXof</camunda:inputParameter>
                      </camunda:inputOutput></bpmn:extensionElements>
                    </bpmn:serviceTask>
                    <bpmn:endEvent id="e"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="hello"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="hello" targetRef="amount"/>
                    <bpmn:sequenceFlow id="f3" sourceRef="amount" targetRef="e"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
        String deploymentId = repository.createDeployment().addString("legacy-ivr.bpmn", legacy).deploy().getId();
        try {
            String definitionId = repository.createProcessDefinitionQuery().deploymentId(deploymentId).singleResult().getId();
            String callId = "legacy-" + System.nanoTime();
            processes.start(definitionId, callId, Map.of("language", "en", "balanceXof", 1500L, "callerNumber", "22997000002"));

            ProcessStep hello = processes.nextStep(callId, definitionId).orElseThrow();
            assertThat(hello.activityId()).isEqualTo("hello");
            assertThat(hello.kind()).isEqualTo("play");
            assertThat(hello.text("prompt")).isEqualTo("welcome");
            assertThat(hello.text("language")).isEqualTo("en");
            processes.complete(hello, Map.of());

            ProcessStep amount = processes.nextStep(callId, definitionId).orElseThrow();
            assertThat(amount.kind()).isEqualTo("say");
            assertThat(amount.variableText("balanceXof", "")).isEqualTo("1500");
            assertThat(amount.fetched()).doesNotContain("callerNumber");
            assertThatThrownBy(() -> amount.variable("callerNumber")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not fetched");
            processes.complete(amount, Map.of());
            assertThat(processes.nextStep(callId, definitionId)).isEmpty();
        } finally {
            repository.deleteDeployment(deploymentId, true);
        }
    }

    @Test
    void theDeployApiAnswers422WithTheProblemsAndTheScreenShowsThem() throws Exception {
        MockMultipartFile broken = new MockMultipartFile("file", "broken.bpmn", "application/xml",
                "<definitions isExecutable=\"true\">".getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/api/processes").file(broken).with(httpBasic("analyst", DemoUsersAccess.PASSWORD)))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.problems[0].resource").value("broken.bpmn"));
        mvc.perform(multipart("/processes/deploy").file(broken).with(user("ana").roles("ANALYST")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("broken.bpmn")));
    }

    static String sampleTriage() {
        try {
            return Files.readString(Path.of("processes", "sample-triage.bpmn"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String greeting(String name) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://griot.org/test">
                  <bpmn:process id="greeting" name="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(name);
    }
}
