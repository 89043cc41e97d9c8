package org.griot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelSafetyCheckTests {

    static final Predicate<String> BEANS = Set.of("processDeployments", "repositoryService")::contains;
    static final Path MARKER = Path.of("/tmp/griot-marker-never-written");

    static Stream<Path> shippedModels() throws IOException {
        return Files.list(Path.of("processes")).filter(p -> ModelSafetyCheck.isModel(p.getFileName().toString())).sorted();
    }

    @ParameterizedTest
    @MethodSource("shippedModels")
    void everyShippedModelPasses(Path model) throws IOException {
        assertThat(ModelSafetyCheck.problems(model.getFileName().toString(), Files.readAllBytes(model), BEANS)).isEmpty();
    }

    static List<HostileModels.Hostile> hostile() {
        return HostileModels.all(MARKER);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void everyHostileModelIsRefusedWithItsReasonElementAndLine(HostileModels.Hostile model) {
        List<ModelProblem> problems = check(model.fileName(), model.bpmn());

        assertThat(problems).isNotEmpty().anySatisfy(p -> {
            assertThat(p.message()).contains(model.reason());
            assertThat(p.resource()).isEqualTo(model.fileName());
            assertThat(p.line()).isPositive();
            assertThat(p.elementId()).isNotBlank();
        });
    }

    @Test
    void theReasonNamesTheElementAndItsLine() {
        String bpmn = HostileModels.process(HostileModels.task(
                "<bpmn:serviceTask id=\"evil\"\n camunda:class=\"java.lang.Runtime\"/>"));

        assertThat(check("m.bpmn", bpmn)).singleElement().satisfies(p -> {
            assertThat(p.elementId()).isEqualTo("evil");
            assertThat(p.line()).isEqualTo(lineOf(bpmn, "id=\"evil\""));
            assertThat(p.toString()).contains("m.bpmn:" + p.line(), "[evil]", "camunda:class");
        });
    }

    @Test
    void aRegisteredDelegateAndAnExternalStepPass() {
        String bpmn = HostileModels.process(HostileModels.task(
                "<bpmn:serviceTask id=\"lang\" camunda:delegateExpression=\"${ivrSetLanguage}\"/>")
                .replace("<bpmn:endEvent id=\"end\"/>", "<bpmn:serviceTask id=\"step\" camunda:type=\"external\""
                        + " camunda:topic=\"ivr\"/><bpmn:endEvent id=\"end\"/>"));

        assertThat(check("ok.bpmn", bpmn)).isEmpty();
    }

    @Test
    void aDelegateExpressionThatIsNotASingleRegisteredNameIsRefused() {
        for (String expression : List.of("${ivrSetLanguage.memory}", "${notADelegate}", "${a ? ivrSetLanguage : b}")) {
            String bpmn = HostileModels.process(HostileModels.task(
                    "<bpmn:serviceTask id=\"t\" camunda:delegateExpression=\"" + expression + "\"/>"));
            assertThat(check("d.bpmn", bpmn)).as(expression).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("ivrSetLanguage", "process delegates"));
        }
    }

    @Test
    void aDocumentTypeDeclarationIsRefused() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="p"
                  isExecutable="true"><bpmn:documentation>&x;</bpmn:documentation></bpmn:process></bpmn:definitions>""";

        assertThat(check("x.bpmn", xxe)).isNotEmpty().anySatisfy(p -> assertThat(p.message()).containsAnyOf("DTD",
                "well-formed"));
    }

    @Test
    void caseModelsAndOtherDocumentsAreNotModels() {
        assertThat(check("c.cmmn", "<cmmn:definitions xmlns:cmmn=\"http://www.omg.org/spec/CMMN/20151109/MODEL\"/>"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("not a BPMN or DMN model"));
        assertThat(check("x.bpmn", "not xml")).singleElement().satisfies(p -> assertThat(p.message()).contains("well-formed"));
    }

    @Test
    void proseAndLayoutAreNeverEvaluatedSoTheyAreNotChecked() {
        String bpmn = HostileModels.process("<bpmn:documentation>Do not write ${x.getClass()} here</bpmn:documentation>"
                + HostileModels.task("<bpmn:task id=\"pwn\"/>"));

        assertThat(check("doc.bpmn", bpmn)).isEmpty();
    }

    @Test
    void decisionsInFeelPassAndOtherLanguagesOrExternalFunctionsAreRefused() {
        String dmn = """
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="n">
                  <decision id="priority" name="Priority"><decisionTable id="t">
                    <input id="i"><inputExpression id="ie" typeRef="string"><text>segment</text></inputExpression></input>
                    <output id="o" name="priority" typeRef="integer"/>
                    <rule id="r"><inputEntry id="e1"><text>"VIP"</text></inputEntry><outputEntry id="e2"><text>1</text></outputEntry></rule>
                  </decisionTable></decision>
                </definitions>""";
        assertThat(check("p.dmn", dmn)).isEmpty();
        assertThat(check("p.dmn", dmn.replace("<decisionTable id=\"t\">",
                "<description>Priority for external partners</description><decisionTable id=\"t\">"))).isEmpty();

        assertThat(check("p.dmn", dmn.replace("<inputExpression id=\"ie\"", "<inputExpression id=\"ie\" expressionLanguage=\"groovy\"")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("FEEL"));
        assertThat(check("p.dmn", dmn.replace("<text>1</text>",
                "<text>function(x) external {java: {class: \"java.lang.System\", method signature: \"exit(int)\"}}</text>")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("external functions"));
    }

    static List<ModelProblem> check(String name, String xml) {
        return ModelSafetyCheck.problems(name, xml.getBytes(StandardCharsets.UTF_8), BEANS);
    }

    static int lineOf(String text, String part) {
        return (int) text.substring(0, text.indexOf(part)).chars().filter(c -> c == '\n').count() + 1;
    }
}
