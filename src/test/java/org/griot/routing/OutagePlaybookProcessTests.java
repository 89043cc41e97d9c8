package org.griot.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each decision of processes/outage-playbook.bpmn ends the run at its own end event, at once. */
class OutagePlaybookProcessTests {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().configurationResource("griot-process-tests.cfg.xml").build();

    ProcessEngine processEngine;
    String deploymentId;

    @BeforeEach
    void deploy() throws Exception {
        processEngine = engine.getProcessEngine();
        try (FileInputStream bpmn = new FileInputStream("processes/outage-playbook.bpmn")) {
            deploymentId = processEngine.getRepositoryService().createDeployment()
                    .addInputStream("outage-playbook.bpmn", bpmn).deploy().getId();
        }
    }

    @AfterEach
    void undeploy() {
        Mocks.reset();
        processEngine.getRepositoryService().deleteDeployment(deploymentId, true);
    }

    @ParameterizedTest(name = "{0} ends at {1}")
    @CsvSource({"QUEUE, queue-as-usual", "OFFER_CALLBACK, offer-callback", "BACKUP_QUEUE, backup-queue"})
    void eachDecisionEndsAtItsEndEvent(String action, String endEvent) {
        Mocks.register("outagePlaybookRules", (JavaDelegate) execution -> execution.setVariable("action", action));

        var instance = processEngine.getRuntimeService().createProcessInstanceByKey("outage-playbook").businessKey("call-1")
                .setVariables(Map.of("queue", "general")).executeWithVariablesInReturn();

        assertThat(instance.isEnded()).isTrue();
        assertThat(instance.getVariables()).containsEntry("action", action);
        assertThat(processEngine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId()).activityId(endEvent).count()).isEqualTo(1);
    }
}
