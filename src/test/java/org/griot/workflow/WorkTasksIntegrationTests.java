package org.griot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.griot.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The agent's task list reads the user tasks of any process: assigned to them, or offered to their queues. */
class WorkTasksIntegrationTests extends IntegrationTest {

    @Autowired
    WorkTasks workTasks;

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Test
    void tasksOfferedToTheAgentsQueuesOrAssignedToThemAppearMostUrgentFirst() {
        var model = Bpmn.createExecutableProcess("work-tasks-test").startEvent()
                .parallelGateway("fork")
                .userTask("call-back").name("Rappeler le client").camundaCandidateGroups("general").camundaPriority("80").endEvent()
                .moveToNode("fork")
                .userTask("listen").name("Écouter le message").camundaCandidateGroups("mobile-money").endEvent()
                .moveToNode("fork")
                .userTask("personal").name("Compléter la fiche").camundaAssignee("agent-wt").endEvent()
                .done();
        String deployment = repository.createDeployment().name("work-tasks-test").addModelInstance("work-tasks-test.bpmn", model)
                .deploy().getId();
        try {
            runtime.startProcessInstanceByKey("work-tasks-test", "wt-1");

            assertThat(workTasks.openFor("agent-wt", List.of("general"), 10)).extracting(WorkTasks.WorkTask::name)
                    .containsExactly("Rappeler le client", "Compléter la fiche");
            assertThat(workTasks.openFor("someone-else", List.of("mobile-money"), 10)).extracting(WorkTasks.WorkTask::name)
                    .containsExactly("Écouter le message");
            String callBack = tasks.createTaskQuery().taskDefinitionKey("call-back").singleResult().getId();
            tasks.claim(callBack, "colleague");
            assertThat(workTasks.openFor("agent-wt", List.of("general"), 10)).extracting(WorkTasks.WorkTask::name)
                    .containsExactly("Compléter la fiche");
            assertThat(workTasks.openFor("agent-wt", List.of(), 10)).singleElement()
                    .satisfies(t -> assertThat(t.processKey()).isEqualTo("work-tasks-test"));
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }
}
