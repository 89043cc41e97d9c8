package org.griot.workflow;

import static org.griot.workflow.ModelAllowList.ACTIVITI;
import static org.griot.workflow.ModelAllowList.BPMN;
import static org.griot.workflow.ModelAllowList.CAMUNDA;
import static org.griot.workflow.ModelAllowList.CAMUNDA_DMN;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Analysts are not code authors: a BPMN/DMN model deployed to Griot may contain only what Griot's
 * element templates and ordinary modelling produce ({@link ModelAllowList}), and its expressions only
 * process variables, operators and {@link ExpressionFunctions} ({@link ExpressionCheck}). One static
 * check, applied on every path that deploys a model: the processes folder and uploads
 * ({@link ProcessDeployments}) and every deployment through the engine itself (its pre-deployer, so the
 * engine REST API and Cockpit cannot skip it). Every reason comes with its element id and line.
 */
public final class ModelSafetyCheck {

    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");
    private static final Pattern FEEL_EXTERNAL = Pattern.compile("\\bexternal\\b");
    private static final XMLInputFactory XML = secureFactory();

    private ModelSafetyCheck() {
    }

    /** True for the resource names the engine deploys as models (BPMN, DMN, CMMN). */
    public static boolean isModel(String resourceName) {
        String name = resourceName == null ? "" : resourceName.toLowerCase(Locale.ROOT);
        return name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml") || name.endsWith(".dmn")
                || name.endsWith(".dmn11.xml") || name.endsWith(".cmmn") || name.endsWith(".cmmn10.xml")
                || name.endsWith(".cmmn11.xml");
    }

    /**
     * Every reason the model is refused; empty when it may be deployed.
     *
     * @param serverObjects names of the server's components (Spring beans): an expression naming one is refused
     */
    public static List<ModelProblem> problems(String resource, byte[] content, Predicate<String> serverObjects) {
        Walk walk = new Walk(resource, serverObjects);
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(content));
            try {
                walk.read(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNumber();
            walk.problems.add(new ModelProblem(resource, Math.max(line, 0), Math.max(column, 0), null,
                    "not a well-formed model: " + e.getMessage()));
        }
        return walk.problems;
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** One pass over the XML: a stack of (element id, text) for the reasons' context. */
    private static final class Walk {

        final String resource;
        final Predicate<String> serverObjects;
        final List<ModelProblem> problems = new ArrayList<>();
        final Deque<Open> open = new ArrayDeque<>();
        boolean dmn;

        Walk(String resource, Predicate<String> serverObjects) {
            this.resource = resource;
            this.serverObjects = serverObjects;
        }

        record Open(String namespace, String name, String id, int line, int column, StringBuilder text, boolean prose,
                boolean checkText) {
        }

        /** Where the previous event ended, i.e. where a start tag begins (StAX reports where it ends). */
        int tagLine = 1;
        int tagColumn = 1;

        void read(XMLStreamReader reader) throws XMLStreamException {
            while (reader.hasNext()) {
                int event = reader.next();
                dispatch(reader, event);
                tagLine = reader.getLocation().getLineNumber();
                tagColumn = reader.getLocation().getColumnNumber();
            }
        }

        private void dispatch(XMLStreamReader reader, int event) {
            switch (event) {
                case XMLStreamConstants.DTD -> refuse(reader.getLocation().getLineNumber(), 0, null,
                        "a document type declaration (DTD) is not allowed in a model");
                case XMLStreamConstants.START_ELEMENT -> start(reader);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!open.isEmpty()) {
                        open.peek().text().append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> end();
                default -> {
                }
            }
        }

        private void start(XMLStreamReader reader) {
            String namespace = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
            String name = reader.getLocalName();
            int line = tagLine;
            int column = tagColumn;
            String ownId = reader.getAttributeValue(null, "id");
            String id = ownId != null ? ownId : open.isEmpty() ? null : open.peek().id();
            boolean parentProse = !open.isEmpty() && open.peek().prose();
            if (open.isEmpty()) {
                root(namespace, name, line, column);
            }
            boolean layout = ModelAllowList.LAYOUT_NAMESPACES.contains(namespace);
            boolean prose = parentProse || layout || (!dmn && BPMN.equals(namespace) && ModelAllowList.PROSE.contains(name));
            if (!parentProse && !layout) {
                element(namespace, name, id, line, column);
                for (int i = 0; i < reader.getAttributeCount(); i++) {
                    attribute(reader.getAttributeNamespace(i), reader.getAttributeLocalName(i),
                            reader.getAttributeValue(i), name, id, line, column);
                }
            }
            open.push(new Open(namespace, name, id, line, column, new StringBuilder(), prose, !prose));
        }

        private void root(String namespace, String name, int line, int column) {
            dmn = ModelAllowList.DMN_NAMESPACES.contains(namespace);
            if (!"definitions".equals(name) || !(BPMN.equals(namespace) || dmn)) {
                refuse(line, column, null, "not a BPMN or DMN model (root element " + name + " in " + namespace
                        + "); Griot deploys BPMN processes and DMN decisions only");
            }
        }

        private void element(String namespace, String name, String id, int line, int column) {
            if (BPMN.equals(namespace) && !dmn) {
                String refused = ModelAllowList.BPMN_REFUSED.get(name);
                if (refused != null) {
                    refuse(line, column, id, "<" + name + ">: " + refused);
                } else if (!ModelAllowList.BPMN_ELEMENTS.contains(name)) {
                    refuse(line, column, id, "<" + name + "> is not one of the BPMN elements Griot's models use");
                }
            } else if (CAMUNDA.equals(namespace) || CAMUNDA_DMN.equals(namespace)) {
                String refused = ModelAllowList.CAMUNDA_REFUSED.get(name);
                if (refused != null) {
                    refuse(line, column, id, "<camunda:" + name + ">: " + refused);
                } else if (!ModelAllowList.CAMUNDA_ELEMENTS.contains(name)) {
                    refuse(line, column, id, "<camunda:" + name + "> is not one of the extensions Griot's element"
                            + " templates produce");
                }
            } else if (ACTIVITI.equals(namespace)) {
                refuse(line, column, id, "the Activiti namespace is not allowed (Camunda reads it as engine extensions)");
            } else if (dmn && ModelAllowList.DMN_NAMESPACES.contains(namespace)) {
                if (!ModelAllowList.DMN_ELEMENTS.contains(name)) {
                    refuse(line, column, id, "<" + name + "> is not one of the DMN elements Griot's decisions use");
                }
            } else if (!open.isEmpty()) {
                refuse(line, column, id, "<" + name + "> (" + namespace + ") is not part of a BPMN or DMN model");
            }
        }

        private void attribute(String namespace, String name, String value, String element, String id, int line,
                int column) {
            String ns = namespace == null ? "" : namespace;
            if (CAMUNDA.equals(ns) || CAMUNDA_DMN.equals(ns)) {
                camundaAttribute(name, value, id, line, column);
            } else if (ACTIVITI.equals(ns)) {
                refuse(line, column, id, "activiti:" + name + ": the Activiti namespace is not allowed");
            } else if (ns.isEmpty() && ("language".equals(name) || "scriptFormat".equals(name))
                    && !"definitions".equals(element)) {
                refuse(line, column, id, name + "=\"" + value + "\": scripts and script conditions run code on the"
                        + " server; write the condition as an expression such as ${choice == '1'}");
            } else if (ns.isEmpty() && "expressionLanguage".equals(name) && dmn && !isFeel(value)) {
                refuse(line, column, id, "expressionLanguage=\"" + value + "\": Griot's decisions are written in FEEL");
            } else if (ns.isEmpty() || BPMN.equals(ns)) {
                expressions(value, id, line, column);
            }
        }

        private void camundaAttribute(String name, String value, String id, int line, int column) {
            String refused = ModelAllowList.CAMUNDA_REFUSED_ATTRIBUTES.get(name);
            if (refused != null) {
                refuse(line, column, id, "camunda:" + name + "=\"" + value + "\": " + refused);
            } else if (!ModelAllowList.CAMUNDA_ATTRIBUTES.contains(name)) {
                refuse(line, column, id, "camunda:" + name + " is not one of the settings Griot's element templates produce");
            } else if ("delegateExpression".equals(name)) {
                String bean = ExpressionCheck.delegateName(value);
                if (bean == null || !ModelDelegates.isRegistered(bean)) {
                    refuse(line, column, id, "camunda:delegateExpression=\"" + value + "\" does not name one of Griot's"
                            + " process delegates " + ModelDelegates.names() + " (written ${name})");
                }
            } else if ("type".equals(name) && !"external".equals(value)) {
                refuse(line, column, id, "camunda:type=\"" + value + "\": only external tasks (Griot's IVR steps) are allowed");
            } else {
                expressions(value, id, line, column);
            }
        }

        private void end() {
            Open element = open.pop();
            String text = element.text().toString();
            if (!element.checkText() || text.isBlank()) {
                return;
            }
            if (dmn) {
                if ("text".equals(element.name()) && FEEL_EXTERNAL.matcher(text).find()) {
                    refuse(element.line(), element.column(), element.id(),
                            "FEEL external functions call Java code; decisions use FEEL's built-in functions only");
                }
            } else if (!"property".equals(element.name()) || !CAMUNDA.equals(element.namespace())) {
                expressions(text.strip(), element.id(), element.line(), element.column());
            }
        }

        private void expressions(String value, String id, int line, int column) {
            if (value == null || !EXPRESSION.matcher(value).find()) {
                return;
            }
            ExpressionCheck.problems(value, serverObjects).forEach(reason -> refuse(line, column, id, reason));
        }

        private static boolean isFeel(String language) {
            return language != null && language.toLowerCase(Locale.ROOT).contains("feel");
        }

        private void refuse(int line, int column, String id, String message) {
            problems.add(new ModelProblem(resource, line, column, id, message));
        }
    }
}
