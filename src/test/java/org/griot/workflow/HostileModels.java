package org.griot.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Models a hostile analyst would upload: each tries to run code on the server, and the code would
 * write the marker file (so a test can show that nothing ran). Shared by the static, HTTP and run-time
 * tests of the model sandbox.
 */
public final class HostileModels {

    /** Written by {@link org.griot.workflow.internal.MarkerWritingDelegate} (camunda:class) when it runs. */
    public static final String MARKER_PROPERTY = "griot.test.marker";

    /** One hostile model: its process key, the BPMN, and a part of the reason it must be refused with. */
    public record Hostile(String key, String bpmn, String reason) {
        public String fileName() {
            return key + ".bpmn";
        }

        @Override
        public String toString() {
            return key;
        }
    }

    private HostileModels() {
    }

    /** JUEL that writes the marker through reflection from a string literal. */
    public static String reflection(Path marker) {
        return "${''.getClass().forName('java.io.FileOutputStream').getConstructor(''.getClass()).newInstance('"
                + marker + "').close()}";
    }

    public static List<Hostile> all(Path marker) {
        String payload = reflection(marker);
        String write = marker.toString();
        List<Hostile> models = new ArrayList<>();
        models.add(new Hostile("hostile-juel-reflection", started(task("<bpmn:serviceTask id=\"pwn\" camunda:expression=\""
                + xml(payload) + "\"/>")), "calls the method 'newInstance'"));
        models.add(new Hostile("hostile-timer-start", timerStarted("<bpmn:serviceTask id=\"pwn\" camunda:expression=\""
                + xml(payload) + "\"/>"), "calls the method"));
        models.add(new Hostile("hostile-timer-expression", process("""
                <bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeDate>%s</bpmn:timeDate>
                </bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/><bpmn:endEvent id="end"/>"""
                .formatted(xml(payload))), "calls the method"));
        models.add(new Hostile("hostile-engine-services", started(task("<bpmn:serviceTask id=\"pwn\" camunda:expression=\""
                + xml("${execution.getProcessEngineServices().getRepositoryService().getClass().forName("
                        + "'java.io.FileOutputStream').getConstructor(''.getClass()).newInstance('" + marker + "')}")
                + "\"/>")), "engine object 'execution'"));
        models.add(new Hostile("hostile-bean-method", started(task("<bpmn:serviceTask id=\"pwn\" camunda:expression=\""
                + xml("${processDeployments.getClass().forName('java.io.FileOutputStream').getConstructor("
                        + "''.getClass()).newInstance('" + marker + "')}") + "\"/>")), "server component 'processDeployments'"));
        models.add(new Hostile("hostile-condition", process("""
                <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gate"/>
                <bpmn:exclusiveGateway id="gate" default="f3"/>
                <bpmn:sequenceFlow id="f2" sourceRef="gate" targetRef="end"><bpmn:conditionExpression>%s</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f3" sourceRef="gate" targetRef="end"/><bpmn:endEvent id="end"/>"""
                .formatted(xml(payload))), "calls the method"));
        models.add(script("groovy", "new File('" + write + "').text = 'pwned'"));
        models.add(script("javascript", "new java.io.FileOutputStream('" + write + "').close()"));
        models.add(script("python", "open('" + write + "', 'w').close()"));
        models.add(script("juel", payload));
        models.add(new Hostile("hostile-class-task", started(task("<bpmn:serviceTask id=\"pwn\" camunda:class=\""
                + "org.griot.workflow.internal.MarkerWritingDelegate\"/>")), "camunda:class"));
        models.add(new Hostile("hostile-class-listener", started(task("""
                <bpmn:task id="pwn"><bpmn:extensionElements><camunda:executionListener event="start"
                class="org.griot.workflow.internal.MarkerWritingDelegate"/></bpmn:extensionElements></bpmn:task>""")),
                "listeners run code"));
        models.add(new Hostile("hostile-expression-listener", started(task("""
                <bpmn:task id="pwn"><bpmn:extensionElements><camunda:executionListener event="start" expression="%s"/>
                </bpmn:extensionElements></bpmn:task>""".formatted(xml(payload)))), "listeners run code"));
        models.add(new Hostile("hostile-script-listener", started(task("""
                <bpmn:task id="pwn"><bpmn:extensionElements><camunda:executionListener event="end">
                <camunda:script scriptFormat="groovy">new File('%s').text = 'x'</camunda:script>
                </camunda:executionListener></bpmn:extensionElements></bpmn:task>""".formatted(write))), "listeners run code"));
        models.add(new Hostile("hostile-task-listener", started(task("""
                <bpmn:userTask id="pwn"><bpmn:extensionElements><camunda:taskListener event="create"
                class="org.griot.workflow.internal.MarkerWritingDelegate"/></bpmn:extensionElements></bpmn:userTask>""")),
                "listeners run code"));
        models.add(new Hostile("hostile-connector", started(task("""
                <bpmn:serviceTask id="pwn"><bpmn:extensionElements><camunda:connector>
                <camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements>
                </bpmn:serviceTask>""")), "connectors"));
        models.add(new Hostile("hostile-delegate", started(task(
                "<bpmn:serviceTask id=\"pwn\" camunda:delegateExpression=\"${processDeployments}\"/>")),
                "does not name one of Griot's process delegates"));
        models.add(new Hostile("hostile-script-condition", process("""
                <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gate"/>
                <bpmn:exclusiveGateway id="gate" default="f3"/>
                <bpmn:sequenceFlow id="f2" sourceRef="gate" targetRef="end"><bpmn:conditionExpression language="juel">%s</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f3" sourceRef="gate" targetRef="end"/><bpmn:endEvent id="end"/>"""
                .formatted(xml(payload))), "script conditions run code"));
        models.add(new Hostile("hostile-script-resource", started(task("""
                <bpmn:task id="pwn"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="x">
                <camunda:script scriptFormat="groovy" resource="deployment://pwn.groovy"/></camunda:inputParameter>
                </camunda:inputOutput></bpmn:extensionElements></bpmn:task>""")), "scripts run code"));
        models.add(new Hostile("hostile-activiti", started(task(
                "<bpmn:serviceTask id=\"pwn\" xmlns:activiti=\"http://activiti.org/bpmn\" activiti:class=\""
                        + "org.griot.workflow.internal.MarkerWritingDelegate\"/>")), "Activiti namespace"));
        return models.stream().map(h -> new Hostile(h.key(), h.bpmn().replace("id=\"KEY\"", "id=\"" + h.key() + "\""),
                h.reason())).toList();
    }

    static Hostile script(String language, String script) {
        return new Hostile("hostile-script-" + language, started(task("<bpmn:scriptTask id=\"pwn\" scriptFormat=\""
                + language + "\"><bpmn:script>" + xml(script) + "</bpmn:script></bpmn:scriptTask>")), "script tasks run code");
    }

    /** start → the task (id pwn) → end. */
    public static String task(String task) {
        return """
                <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pwn"/>
                %s
                <bpmn:sequenceFlow id="f2" sourceRef="pwn" targetRef="end"/><bpmn:endEvent id="end"/>""".formatted(task);
    }

    static String started(String body) {
        return process(body);
    }

    /** A timer start event that fires a second after the deployment, nobody starting the process. */
    static String timerStarted(String task) {
        return process(task(task).replace("<bpmn:startEvent id=\"start\"/>", """
                <bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration>
                </bpmn:timerEventDefinition></bpmn:startEvent>"""));
    }

    public static String process(String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://griot.org/test">
                  <bpmn:process id="KEY" isExecutable="true" camunda:historyTimeToLive="P1D">
                %s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(body);
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
