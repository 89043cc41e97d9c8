package org.griot.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps three things in step: the Camunda Modeler element templates analysts compose IVR flows with
 * (processes/element-templates), the steps {@link IvrStepPerformer} performs (read from its source,
 * so a new step or input cannot be forgotten), and the shipped processes. Plain unit test, run from
 * the project root.
 */
class ElementTemplatesTests {

    static final Path TEMPLATES = Path.of("processes", "element-templates", "griot-ivr-steps.json");
    static final Path PERFORMER = Path.of("src", "main", "java", "org", "griot", "ivr", "IvrStepPerformer.java");
    static final Path IVR_SOURCES = PERFORMER.getParent();
    static final Path PROCESSES = Path.of("processes");
    static final Path PROMPTS = Path.of("prompts");

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode shippedTemplates;
    static String performerSource;

    @BeforeAll
    static void readTheShippedFiles() throws IOException {
        assertThat(TEMPLATES).as("run from the project root").isRegularFile();
        shippedTemplates = JSON.readTree(TEMPLATES.toFile());
        performerSource = Files.readString(PERFORMER);
    }

    @Test
    void everyTemplateIsAVersionedGriotTemplateWithAUniqueId() {
        assertThat(describeTemplates(shippedTemplates)).isEmpty();
    }

    @Test
    void theStepsOfTheTemplatesAreExactlyTheStepsThePerformerHandles() {
        assertThat(performerSteps(performerSource)).as("steps read from IvrStepPerformer")
                .contains("play", "menu", "collect", "say", "lookup", "hangup", "transfer");
        assertThat(compareWithPerformer(templates(shippedTemplates), performerSource)).isEmpty();
    }

    @Test
    void delegateTemplatesNameGriotBeansAndInputsTheyRead() throws IOException {
        assertThat(compareWithDelegates(templates(shippedTemplates), ivrSources())).isEmpty();
    }

    @Test
    void everyIvrTaskOfTheShippedProcessesUsesATemplatedStepAndOnlyItsInputs() throws IOException {
        List<Path> processes = shippedProcesses();
        assertThat(processes).as("shipped processes").isNotEmpty();
        assertThat(compareWithProcesses(templates(shippedTemplates), processes)).isEmpty();
    }

    @Test
    void everyShippedProcessSaysHowLongItsHistoryIsKept() throws IOException {
        for (Path process : shippedProcesses()) {
            Bpmn.readModelFromFile(process.toFile())
                    .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
                    .forEach(p -> assertThat(p.getCamundaHistoryTimeToLiveString())
                            .as(process + ": camunda:historyTimeToLive of process " + p.getId()).isNotBlank());
        }
    }

    @Test
    void everyPromptOfTheTemplatesAndProcessesIsInTheCatalogueInEveryLanguage() throws IOException {
        Set<String> prompts = new TreeSet<>(templatePromptDefaults(shippedTemplates));
        for (Path process : shippedProcesses()) {
            ivrTasks(process).forEach(task -> task.inputs().forEach((name, value) -> {
                if (isPromptInput(name) && value != null && !value.contains("${")) {
                    prompts.add(value);
                }
            }));
        }
        assertThat(prompts).contains("main-menu", "invalid-choice");
        assertThat(new PromptCatalog(PROMPTS).missing(prompts)).as("prompts missing from prompts/").isEmpty();
    }

    /** The checks are only worth having if they fail, and say why: break copies and read the complaints. */
    @Test
    void aBrokenTemplateOrProcessIsReportedByNameAndStep(@TempDir Path temp) throws IOException {
        ArrayNode broken = (ArrayNode) shippedTemplates.deepCopy();
        ArrayNode properties = (ArrayNode) find(broken, "griot.ivr.menu").get("properties");
        for (JsonNode property : properties) {
            if ("options".equals(property.path("binding").path("name").asText())) {
                ((ObjectNode) property.get("binding")).put("name", "choices");
            }
        }
        removeTemplate(broken, "griot.ivr.transfer");
        ObjectNode copy = find(broken, "griot.ivr.play").deepCopy();
        broken.add(copy);
        ObjectNode unhidden = (ObjectNode) find(broken, "griot.ivr.say").get("properties").get(1);
        unhidden.put("type", "String");
        unhidden.put("value", "sms");

        assertThat(describeTemplates(broken)).anyMatch(p -> p.contains("griot.ivr.play") && p.contains("more than once"));
        assertThat(compareWithPerformer(templates(broken), performerSource))
                .anyMatch(p -> p.contains("griot.ivr.menu") && p.contains("choices") && p.contains("does not read"))
                .anyMatch(p -> p.contains("griot.ivr.menu") && p.contains("options") && p.contains("does not declare"))
                .anyMatch(p -> p.contains("transfer") && p.contains("no template"))
                .anyMatch(p -> p.contains("griot.ivr.say") && p.contains("topic"));

        String process = Files.readString(PROCESSES.resolve("ivr-1919.bpmn"))
                .replace("<camunda:property name=\"maxAttempts\" value=\"2\"/>",
                        "<camunda:property name=\"retries\" value=\"2\"/>")
                .replace("<camunda:property name=\"step\" value=\"hangup\"/>",
                        "<camunda:property name=\"step\" value=\"hang-up\"/>")
                .replace("<camunda:property name=\"prompt\" value=\"goodbye\"/>",
                        "</camunda:properties><camunda:inputOutput><camunda:inputParameter name=\"prompt\">goodbye"
                                + "</camunda:inputParameter></camunda:inputOutput><camunda:properties>");
        Path brokenProcess = Files.writeString(temp.resolve("ivr-1919.bpmn"), process);
        assertThat(compareWithProcesses(templates(shippedTemplates), List.of(brokenProcess)))
                .anyMatch(p -> p.contains("choose-language") && p.contains("retries") && p.contains("griot.ivr.menu"))
                .anyMatch(p -> p.contains("hang-up") && p.contains("no template"))
                .anyMatch(p -> p.contains("'goodbye'") && p.contains("camunda:inputParameter") && p.contains("prompt"));
        assertThat(compareVariablesRead(performerSource.replace("names.add(\"callerNumber\");", "")))
                .anyMatch(p -> p.contains("callerNumber"));

        assertThat(compareWithDelegates(templates(broken), Map.of("X.java", "@Component(\"ivrSetLanguage\")")))
                .anyMatch(p -> p.contains("${ivrRouteToAgent}") && p.contains("no bean"));
    }

    @Test
    void everyVariableThePerformerReadsIsDeclaredForTheFetch() {
        assertThat(variablesRead(performerSource)).as("step.variable... calls in IvrStepPerformer").contains("callerNumber");
        assertThat(compareVariablesRead(performerSource)).isEmpty();
    }

    // --- the checks, each returning its problems (empty when consistent) ---

    /**
     * A step is fetched with only the variables {@code IvrStepPerformer.of} declares; each variable the
     * performer reads by a literal name must be declared there (names taken from a setting, such as
     * the "say" step's variable, are declared by the setting).
     */
    static List<String> compareVariablesRead(String performer) {
        String declared = methodBody(performer, "of", "Set<String> of\\(Map<String, String> configuration");
        List<String> problems = new ArrayList<>();
        for (String name : variablesRead(performer)) {
            if (!declared.contains("\"" + name + "\"")) {
                problems.add("IvrStepPerformer reads variable '" + name + "' but of(...) does not declare it: it is never fetched");
            }
        }
        return problems;
    }

    static Set<String> variablesRead(String source) {
        Set<String> names = new TreeSet<>();
        Matcher read = Pattern.compile("step\\.variable(?:Text)?\\(\"(\\w+)\"").matcher(source);
        while (read.find()) {
            names.add(read.group(1));
        }
        return names;
    }

    /** What the Modeler needs of each template: a unique griot.ivr id, a version, names, labelled inputs. */
    static List<String> describeTemplates(JsonNode array) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        if (!array.isArray() || array.isEmpty()) {
            return List.of("the templates file is not a non-empty JSON array");
        }
        for (JsonNode template : array) {
            String id = template.path("id").asText("");
            if (!id.matches("griot\\.ivr\\.[a-z]+(-[a-z]+)*")) {
                problems.add("template id '" + id + "' is not griot.ivr.<kebab-case>");
            }
            if (!ids.add(id)) {
                problems.add("template id " + id + " is used more than once");
            }
            if (template.path("version").asInt(0) < 1) {
                problems.add(id + ": no version (an integer from 1)");
            }
            if (template.path("name").asText("").isBlank() || template.path("description").asText("").isBlank()) {
                problems.add(id + ": a name and a description are needed (French first)");
            }
            Set<String> applies = new TreeSet<>();
            template.path("appliesTo").forEach(a -> applies.add(a.asText()));
            if (!applies.contains("bpmn:ServiceTask") && !applies.contains("bpmn:Task")) {
                problems.add(id + ": appliesTo must include bpmn:ServiceTask or bpmn:Task, is " + applies);
            }
            Set<String> groups = new TreeSet<>();
            template.path("groups").forEach(g -> groups.add(g.path("id").asText()));
            Set<String> bindings = new TreeSet<>();
            for (JsonNode property : template.path("properties")) {
                String name = property.path("binding").path("name").asText("");
                if (!bindings.add(property.path("binding").path("type").asText() + ":" + name)) {
                    problems.add(id + ": " + name + " is bound twice");
                }
                if (!"Hidden".equals(property.path("type").asText())) {
                    if (property.path("label").asText("").isBlank() || property.path("description").asText("").isBlank()) {
                        problems.add(id + ": input " + name + " needs a label and a description");
                    }
                    if (property.has("group") && !groups.contains(property.get("group").asText())) {
                        problems.add(id + ": input " + name + " is in undeclared group " + property.get("group").asText());
                    }
                    if ("Dropdown".equals(property.path("type").asText()) && !property.path("choices").isArray()) {
                        problems.add(id + ": dropdown " + name + " has no choices");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Steps and inputs: every step the performer handles has exactly one template, every template's
     * step is one the performer handles, bound as a hidden external task of topic ivr, and its inputs
     * are the ones the performer reads for that step.
     */
    static List<String> compareWithPerformer(List<Template> templates, String performer) {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> reads = performerInputs(performer);
        Set<String> common = commonInputs(performer);
        Map<String, String> templateOfStep = new LinkedHashMap<>();
        for (Template template : templates) {
            if (template.delegateExpression() != null) {
                continue;
            }
            if (!"external".equals(template.hidden().get("camunda:type"))) {
                problems.add(template.id() + ": camunda:type must be a hidden 'external'");
            }
            if (!"ivr".equals(template.hidden().get("camunda:topic"))) {
                problems.add(template.id() + ": camunda:topic must be a hidden 'ivr' (the call's topic)");
            }
            String step = template.step();
            if (step == null) {
                problems.add(template.id() + ": no hidden input 'step' (which building block it is)");
                continue;
            }
            String other = templateOfStep.put(step, template.id());
            if (other != null && !other.equals(template.id())) {
                problems.add("step '" + step + "' has two templates: " + other + " and " + template.id());
            }
            Set<String> read = reads.get(step);
            if (read == null) {
                problems.add(template.id() + ": IvrStepPerformer has no step '" + step + "' (it handles " + reads.keySet() + ")");
                continue;
            }
            for (String input : template.inputs()) {
                if (!read.contains(input) && !common.contains(input)) {
                    problems.add(template.id() + ": input '" + input + "' is one IvrStepPerformer does not read for '" + step
                            + "' (it reads " + read + ")");
                }
            }
            for (String input : read) {
                if (!template.inputs().contains(input)) {
                    problems.add(template.id() + ": IvrStepPerformer reads '" + input + "' for '" + step
                            + "' but the template does not declare it");
                }
            }
        }
        for (String step : reads.keySet()) {
            if (!templateOfStep.containsKey(step)) {
                problems.add("IvrStepPerformer handles step '" + step + "' but there is no template for it");
            }
        }
        Set<String> queries = lookupQueries(performer);
        templates.stream().filter(t -> "lookup".equals(t.step())).forEach(t -> {
            if (!t.choices().getOrDefault("query", Set.of()).equals(queries)) {
                problems.add(t.id() + ": the query choices " + t.choices().get("query") + " are not the performer's lookups " + queries);
            }
        });
        return problems;
    }

    /** Delegate templates name a bean of org.griot.ivr, and declare only variables that bean reads. */
    static List<String> compareWithDelegates(List<Template> templates, Map<String, String> sources) {
        List<String> problems = new ArrayList<>();
        for (Template template : templates) {
            if (template.delegateExpression() == null) {
                continue;
            }
            Matcher bean = Pattern.compile("\\$\\{(\\w+)}").matcher(template.delegateExpression());
            if (!bean.matches()) {
                problems.add(template.id() + ": delegateExpression " + template.delegateExpression() + " is not ${bean}");
                continue;
            }
            String source = sources.values().stream().filter(s -> s.contains("@Component(\"" + bean.group(1) + "\")")).findFirst()
                    .orElse(null);
            if (source == null) {
                problems.add(template.id() + ": no bean @Component(\"" + bean.group(1) + "\") in org.griot.ivr for "
                        + template.delegateExpression());
                continue;
            }
            for (String input : template.inputs()) {
                if (!source.contains("\"" + input + "\"")) {
                    problems.add(template.id() + ": the bean " + bean.group(1) + " never reads '" + input + "'");
                }
            }
        }
        return problems;
    }

    /** Every ivr external task and ${ivr…} delegate of the processes matches a template and its inputs. */
    static List<String> compareWithProcesses(List<Template> templates, List<Path> processes) {
        List<String> problems = new ArrayList<>();
        for (Path process : processes) {
            for (IvrTask task : ivrTasks(process)) {
                String where = process.getFileName() + " task '" + task.id() + "'";
                Template template;
                if (task.delegateExpression() != null) {
                    template = templates.stream().filter(t -> task.delegateExpression().equals(t.delegateExpression())).findFirst()
                            .orElse(null);
                    if (template == null) {
                        problems.add(where + ": " + task.delegateExpression() + " has no template");
                        continue;
                    }
                } else {
                    if (!task.inputParameters().isEmpty()) {
                        problems.add(where + ": camunda:inputParameter " + task.inputParameters()
                                + " (a step is configured with camunda:property since templates version 2)");
                    }
                    String step = task.inputs().get("step");
                    if (step == null || step.isBlank() || step.contains("${")) {
                        problems.add(where + ": an ivr task needs a fixed input 'step'");
                        continue;
                    }
                    template = templates.stream().filter(t -> step.equals(t.step())).findFirst().orElse(null);
                    if (template == null) {
                        problems.add(where + ": step '" + step + "' has no template (IvrStepPerformer would refuse it)");
                        continue;
                    }
                }
                for (String input : task.inputs().keySet()) {
                    if (!"step".equals(input) && !template.inputs().contains(input)) {
                        problems.add(where + ": input '" + input + "' is not declared by template " + template.id()
                                + " " + template.inputs());
                    }
                }
            }
        }
        return problems;
    }

    // --- reading templates, processes and the performer ---

    /** One template: its hidden bindings, the step it performs (external) or its delegate, its editable inputs. */
    record Template(String id, Map<String, String> hidden, String step, String delegateExpression, Set<String> inputs,
            Map<String, Set<String>> choices) {
    }

    static List<Template> templates(JsonNode array) {
        List<Template> templates = new ArrayList<>();
        for (JsonNode node : array) {
            Map<String, String> hidden = new LinkedHashMap<>();
            Set<String> inputs = new TreeSet<>();
            Map<String, Set<String>> choices = new LinkedHashMap<>();
            String step = null;
            for (JsonNode property : node.path("properties")) {
                JsonNode binding = property.path("binding");
                String name = binding.path("name").asText();
                boolean isHidden = "Hidden".equals(property.path("type").asText());
                if ("camunda:property".equals(binding.path("type").asText())) {
                    if ("step".equals(name)) {
                        step = isHidden ? property.path("value").asText(null) : null;
                    } else {
                        inputs.add(name);
                    }
                    if (property.path("choices").isArray()) {
                        Set<String> values = new TreeSet<>();
                        property.get("choices").forEach(c -> values.add(c.path("value").asText()));
                        choices.put(name, values);
                    }
                } else if ("property".equals(binding.path("type").asText()) && isHidden) {
                    hidden.put(name, property.path("value").asText());
                }
            }
            templates.add(new Template(node.path("id").asText(), hidden, step, hidden.get("camunda:delegateExpression"), inputs,
                    choices));
        }
        return templates;
    }

    static Set<String> templatePromptDefaults(JsonNode array) {
        Set<String> prompts = new TreeSet<>();
        for (JsonNode template : array) {
            for (JsonNode property : template.path("properties")) {
                String name = property.path("binding").path("name").asText();
                String value = property.path("value").asText("");
                if (isPromptInput(name) && !value.isBlank()) {
                    prompts.add(value);
                }
            }
        }
        return prompts;
    }

    static boolean isPromptInput(String name) {
        return name.equals("prompt") || name.endsWith("Prompt");
    }

    /**
     * An IVR task of a process: an external task of topic ivr, or a service task delegating to ${ivr…};
     * {@code inputs}: its settings (camunda:property), {@code inputParameters}: any left from version 1.
     */
    record IvrTask(String id, String delegateExpression, Map<String, String> inputs, Set<String> inputParameters) {
    }

    static List<IvrTask> ivrTasks(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        List<IvrTask> tasks = new ArrayList<>();
        for (Task task : model.getModelElementsByType(Task.class)) {
            String type = null;
            String topic = null;
            String delegate = null;
            if (task instanceof ServiceTask service) {
                type = service.getCamundaType();
                topic = service.getCamundaTopic();
                delegate = service.getCamundaDelegateExpression();
            } else if (task instanceof SendTask send) {
                type = send.getCamundaType();
                topic = send.getCamundaTopic();
                delegate = send.getCamundaDelegateExpression();
            } else if (task instanceof BusinessRuleTask rule) {
                type = rule.getCamundaType();
                topic = rule.getCamundaTopic();
                delegate = rule.getCamundaDelegateExpression();
            }
            boolean external = "external".equals(type) && "ivr".equals(topic);
            boolean ivrDelegate = delegate != null && delegate.startsWith("${ivr");
            if (external || ivrDelegate) {
                tasks.add(new IvrTask(task.getId(), external ? null : delegate, properties(task),
                        inputParameters(task).keySet()));
            }
        }
        return tasks;
    }

    static Map<String, String> properties(Task task) {
        Map<String, String> properties = new LinkedHashMap<>();
        ExtensionElements extensions = task.getExtensionElements();
        if (extensions == null) {
            return properties;
        }
        for (CamundaProperties list : extensions.getElementsQuery().filterByType(CamundaProperties.class).list()) {
            for (CamundaProperty property : list.getCamundaProperties()) {
                properties.put(property.getCamundaName(), property.getCamundaValue() == null ? null : property.getCamundaValue().trim());
            }
        }
        return properties;
    }

    static Map<String, String> inputParameters(Task task) {
        Map<String, String> inputs = new LinkedHashMap<>();
        ExtensionElements extensions = task.getExtensionElements();
        if (extensions == null) {
            return inputs;
        }
        for (CamundaInputOutput io : extensions.getElementsQuery().filterByType(CamundaInputOutput.class).list()) {
            for (CamundaInputParameter parameter : io.getCamundaInputParameters()) {
                inputs.put(parameter.getCamundaName(), parameter.getTextContent() == null ? null : parameter.getTextContent().trim());
            }
        }
        return inputs;
    }

    /** The labels of {@code switch (step.kind())} in IvrStepPerformer.perform. */
    static Set<String> performerSteps(String source) {
        return performerInputs(source).keySet();
    }

    /** For each step label, the step inputs its arm reads, including those of the method it calls. */
    static Map<String, Set<String>> performerInputs(String source) {
        int start = source.indexOf("switch (step.kind())");
        int end = start < 0 ? -1 : source.indexOf("default ->", start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException("IvrStepPerformer no longer has 'switch (step.kind())' ... 'default ->': update this test");
        }
        String block = source.substring(start, end);
        Matcher label = Pattern.compile("case \"([^\"]+)\"\\s*->").matcher(block);
        List<Integer> starts = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        while (label.find()) {
            starts.add(label.start());
            steps.add(label.group(1));
        }
        Map<String, Set<String>> inputs = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            String arm = block.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : block.length());
            StringBuilder code = new StringBuilder(arm);
            Matcher call = Pattern.compile("->\\s*(\\w+)\\(step").matcher(arm);
            if (call.find()) {
                code.append(methodBody(source, call.group(1)));
            }
            inputs.put(steps.get(i), reads(code));
        }
        return inputs;
    }

    /** Inputs read before the switch, by every step (the language). */
    static Set<String> commonInputs(String source) {
        int perform = source.indexOf("perform(ProcessStep step");
        int switchAt = source.indexOf("switch (step.kind())");
        return perform < 0 || switchAt < perform ? Set.of() : reads(source.substring(perform, switchAt));
    }

    static Set<String> lookupQueries(String source) {
        String body = methodBody(source, "lookup");
        int start = body.indexOf("switch (query)");
        Set<String> queries = new TreeSet<>();
        if (start >= 0) {
            Matcher label = Pattern.compile("case \"([^\"]+)\"\\s*->").matcher(body.substring(start, body.indexOf("default ->", start)));
            while (label.find()) {
                queries.add(label.group(1));
            }
        }
        return queries;
    }

    static String methodBody(String source, String method) {
        return methodBody(source, method, "Map<String, Object> " + method + "\\(ProcessStep step");
    }

    static String methodBody(String source, String method, String signatureRegex) {
        Matcher signature = Pattern.compile(signatureRegex).matcher(source);
        if (!signature.find()) {
            throw new IllegalStateException("IvrStepPerformer has no method " + method + "(ProcessStep ...): update this test");
        }
        int end = source.indexOf("\n    }\n", signature.end());
        return source.substring(signature.start(), end < 0 ? source.length() : end);
    }

    static Set<String> reads(CharSequence code) {
        Set<String> names = new TreeSet<>();
        Matcher read = Pattern.compile("step\\.(?:text|number)\\(\"(\\w+)\"").matcher(code);
        while (read.find()) {
            names.add(read.group(1));
        }
        return names;
    }

    static List<Path> shippedProcesses() throws IOException {
        try (Stream<Path> files = Files.walk(PROCESSES)) {
            return files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
        }
    }

    static Map<String, String> ivrSources() throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(IVR_SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return sources;
    }

    static ObjectNode find(ArrayNode templates, String id) {
        for (JsonNode template : templates) {
            if (id.equals(template.path("id").asText())) {
                return (ObjectNode) template;
            }
        }
        throw new IllegalArgumentException("no template " + id);
    }

    static void removeTemplate(ArrayNode templates, String id) {
        for (int i = 0; i < templates.size(); i++) {
            if (id.equals(templates.get(i).path("id").asText())) {
                templates.remove(i);
                return;
            }
        }
    }
}
