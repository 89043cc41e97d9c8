package org.griot.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.griot.workflow.CallStepModel;
import org.griot.workflow.ModelProblem;
import org.junit.jupiter.api.Test;

/** The guard: every prompt a shipped process plays exists, with audio, in every language. */
class ShippedProcessesPromptsTests {

    final PromptReferencesCheck check = new PromptReferencesCheck(new PromptCatalog(Path.of("prompts")));

    @Test
    void everyShippedProcessPlaysOnlyPromptsThatExistInEveryLanguage() throws Exception {
        List<Path> models;
        try (Stream<Path> files = Files.walk(Path.of("processes"))) {
            models = files.filter(p -> p.toString().endsWith(".bpmn")).toList();
        }
        assertThat(models).isNotEmpty();
        int steps = 0;
        for (Path model : models) {
            CallStepModel calls = CallStepModel.read(model.toString(), Files.readAllBytes(model));
            steps += calls.steps().size();
            assertThat(check.problems(calls)).as(model.toString()).isEmpty();
        }
        assertThat(steps).as("call steps checked in the shipped processes").isGreaterThan(10);
    }

    @Test
    void aProcessPlayingAnUnknownPromptIsRefusedWithTheStepNamed() {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://griot.org/test">
                  <bpmn:process id="p" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="s"/>
                    <bpmn:serviceTask id="promo" camunda:type="external" camunda:topic="ivr">
                      <bpmn:extensionElements><camunda:properties>
                        <camunda:property name="step" value="play"/>
                        <camunda:property name="prompt" value="summer-promotion"/>
                      </camunda:properties></bpmn:extensionElements>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="promo"/>
                    <bpmn:endEvent id="e"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="promo" targetRef="e"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;

        List<ModelProblem> problems = check.problems(CallStepModel.read("promo.bpmn", bpmn.getBytes(StandardCharsets.UTF_8)));

        assertThat(problems).hasSize(8).allSatisfy(p -> { // transcript and audio, in each of 4 languages
            assertThat(p.elementId()).isEqualTo("promo");
            assertThat(p.message()).contains("summer-promotion");
        });
        assertThat(problems).extracting(ModelProblem::message).anySatisfy(m -> assertThat(m).contains("in yo"));
    }
}
