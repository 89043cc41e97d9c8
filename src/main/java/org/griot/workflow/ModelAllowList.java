package org.griot.workflow;

import java.util.Map;
import java.util.Set;

/**
 * What a BPMN/DMN model deployed to Griot may contain: the elements and Camunda extensions that
 * Griot's element templates (processes/element-templates) and ordinary modelling produce. Everything
 * else is refused by {@link ModelSafetyCheck}; the known dangerous constructs get a reason of their own.
 */
final class ModelAllowList {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";
    /** Camunda 7 still reads the old Activiti namespace as its own extensions: a back door. */
    static final String ACTIVITI = "http://activiti.org/bpmn";

    /** Diagram interchange: layout only, never executed. */
    static final Set<String> LAYOUT_NAMESPACES = Set.of("http://www.omg.org/spec/BPMN/20100524/DI",
            "http://www.omg.org/spec/DD/20100524/DC", "http://www.omg.org/spec/DD/20100524/DI",
            "https://www.omg.org/spec/DMN/20191111/DMNDI/", "http://www.omg.org/spec/DMN/20180521/DMNDI/",
            "http://www.omg.org/spec/DMN/20180521/DC/", "http://www.omg.org/spec/DMN/20180521/DI/");

    static final Set<String> DMN_NAMESPACES = Set.of("https://www.omg.org/spec/DMN/20191111/MODEL/",
            "http://www.omg.org/spec/DMN/20180521/MODEL/", "http://www.omg.org/spec/DMN/20151101/dmn.xsd");

    static final Set<String> BPMN_ELEMENTS = Set.of("definitions", "process", "collaboration", "participant",
            "messageFlow", "laneSet", "lane", "flowNodeRef", "childLaneSet", "startEvent", "endEvent",
            "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent", "task", "serviceTask", "userTask",
            "manualTask", "receiveTask", "sendTask", "businessRuleTask", "subProcess", "callActivity",
            "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "sequenceFlow",
            "conditionExpression", "incoming", "outgoing", "timerEventDefinition", "timeDate", "timeDuration",
            "timeCycle", "messageEventDefinition", "message", "signalEventDefinition", "signal",
            "errorEventDefinition", "error", "escalationEventDefinition", "escalation", "terminateEventDefinition",
            "conditionalEventDefinition", "condition", "compensateEventDefinition", "linkEventDefinition",
            "documentation", "extensionElements", "textAnnotation", "text", "association", "group", "category",
            "categoryValue", "multiInstanceLoopCharacteristics", "loopCardinality", "completionCondition",
            "dataObject", "dataObjectReference", "dataStoreReference", "dataStore", "dataInputAssociation",
            "dataOutputAssociation", "sourceRef", "targetRef");

    static final Map<String, String> BPMN_REFUSED = Map.of(
            "scriptTask", "script tasks run code on the server; use a Griot building block (element template) instead",
            "script", "scripts run code on the server",
            "transaction", "transactions with compensation are not used by Griot's models",
            "adHocSubProcess", "ad-hoc sub-processes are not used by Griot's models");

    static final Set<String> CAMUNDA_ELEMENTS = Set.of("properties", "property", "inputOutput", "inputParameter",
            "outputParameter", "list", "map", "entry", "value", "in", "out", "failedJobRetryTimeCycle",
            "errorEventDefinition");

    static final Map<String, String> CAMUNDA_REFUSED = Map.ofEntries(
            Map.entry("script", "scripts run code on the server (any language)"),
            Map.entry("connector", "connectors call other systems from the model; Griot's delegates do that, reviewed"),
            Map.entry("connectorId", "connectors call other systems from the model"),
            Map.entry("executionListener", "listeners run code at each step; Griot's templates produce none"
                    + " (use a task bound to a Griot delegate)"),
            Map.entry("taskListener", "listeners run code at each step; Griot's templates produce none"),
            Map.entry("field", "field injection configures Java classes; Griot's delegates read camunda:property"),
            Map.entry("formData", "forms are not part of Griot's models (the agent desk shows Griot's screens)"),
            Map.entry("formField", "forms are not part of Griot's models"),
            Map.entry("formProperty", "forms are not part of Griot's models"),
            Map.entry("potentialStarter", "start authorisations are managed by Griot, not by the model"));

    static final Set<String> CAMUNDA_ATTRIBUTES = Set.of("historyTimeToLive", "versionTag", "isStartableInTasklist",
            "modelerTemplate", "modelerTemplateVersion", "type", "topic", "taskPriority", "jobPriority", "priority",
            "asyncBefore", "asyncAfter", "async", "exclusive", "delegateExpression", "expression", "resultVariable",
            "candidateGroups", "candidateUsers", "assignee", "dueDate", "followUpDate", "decisionRef",
            "decisionRefBinding", "decisionRefVersion", "decisionRefVersionTag", "mapDecisionResult",
            "calledElementBinding", "calledElementVersion", "calledElementVersionTag", "initiator",
            "errorCodeVariable", "errorMessageVariable", "collection", "elementVariable", "inputVariable");

    static final Map<String, String> CAMUNDA_REFUSED_ATTRIBUTES = Map.of(
            "class", "camunda:class makes the engine load and run a Java class named by the model",
            "resource", "camunda:resource loads a script",
            "variableMappingClass", "a variable mapping class is Java code named by the model",
            "variableMappingDelegateExpression", "a variable mapping delegate is code named by the model",
            "formKey", "forms are not part of Griot's models (an embedded form runs script in the browser)",
            "formRef", "forms are not part of Griot's models",
            "formHandlerClass", "a form handler class is Java code named by the model",
            "caseRef", "case models (CMMN) are not used by Griot",
            "scriptFormat", "scripts run code on the server");

    static final Set<String> DMN_ELEMENTS = Set.of("definitions", "decision", "decisionTable", "input",
            "inputExpression", "text", "output", "rule", "inputEntry", "outputEntry", "description", "annotationEntry",
            "annotation", "literalExpression", "variable", "informationRequirement", "requiredDecision",
            "requiredInput", "inputData", "inputValues", "outputValues", "knowledgeSource", "authorityRequirement",
            "requiredAuthority", "extensionElements");

    /** Text in these BPMN elements is prose for people (documentation, text annotations), never evaluated. */
    static final Set<String> PROSE = Set.of("documentation", "text");

    private ModelAllowList() {
    }
}
