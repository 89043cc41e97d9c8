package org.griot.workflow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A process version drawn as plain SVG from its BPMN diagram interchange (shapes with bounds, edges
 * with waypoints): events as circles, tasks as rounded rectangles with their names, gateways as
 * diamonds, sequence flows as polylines with arrows and their labels. Every element is a group
 * {@code id="el-<id>"} with CSS classes ({@code bpmn-node bpmn-task}, {@code bpmn-flow}...) so a page
 * can highlight it; badges (counts) can be pinned to nodes. No script, no external resource.
 */
public final class ProcessDiagram {

    static final String MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
    static final String DI = "http://www.omg.org/spec/DD/20100524/DI";
    private static final double MARGIN = 30;

    /** What a flow node is drawn as. */
    public enum Shape { EVENT, TASK, GATEWAY }

    /**
     * A flow node of the process: its id, name, BPMN element type, how it is drawn, and where;
     * {@code labelBounds}: where the model places the name of an event or gateway (BPMNLabel), or null.
     */
    public record FlowNode(String id, String name, String type, Shape shape, Bounds bounds, Bounds labelBounds) {
        public String label() {
            return name == null || name.isBlank() ? id : name;
        }
    }

    /**
     * A sequence flow: its label (name, else its condition), ends and waypoints; {@code labelBounds}:
     * where the model places the label (BPMNLabel), or null to place it on the flow's longest segment.
     */
    public record Flow(String id, String name, String condition, String sourceId, String targetId, List<Point> waypoints,
            Bounds labelBounds) {
        public String label() {
            return name != null && !name.isBlank() ? name : condition;
        }
    }

    public record Bounds(double x, double y, double width, double height) {
    }

    public record Point(double x, double y) {
    }

    /** A small label pinned to a node's top right corner (e.g. a count), with its CSS class and tooltip. */
    public record Badge(String text, String cssClass, String title) {
    }

    private final String processKey;
    private final String processName;
    private final Map<String, FlowNode> nodes;
    private final List<Flow> flows;

    private ProcessDiagram(String processKey, String processName, Map<String, FlowNode> nodes, List<Flow> flows) {
        this.processKey = processKey;
        this.processName = processName;
        this.nodes = nodes;
        this.flows = flows;
    }

    /** Reads a BPMN 2.0 document; elements without diagram interchange are listed but not drawn. */
    public static ProcessDiagram parse(String bpmnXml) {
        Document document = read(bpmnXml);
        Map<String, Bounds> shapes = new LinkedHashMap<>();
        Map<String, List<Point>> edges = new LinkedHashMap<>();
        Map<String, Bounds> labels = new LinkedHashMap<>();
        NodeList shapeElements = document.getElementsByTagNameNS(BPMNDI, "BPMNShape");
        for (int i = 0; i < shapeElements.getLength(); i++) {
            Element shape = (Element) shapeElements.item(i);
            Element bounds = firstChild(shape, DC, "Bounds");
            if (bounds != null) {
                shapes.put(shape.getAttribute("bpmnElement"), new Bounds(number(bounds, "x"), number(bounds, "y"),
                        number(bounds, "width"), number(bounds, "height")));
            }
            labelBounds(shape).ifPresent(label -> labels.put(shape.getAttribute("bpmnElement"), label));
        }
        NodeList edgeElements = document.getElementsByTagNameNS(BPMNDI, "BPMNEdge");
        for (int i = 0; i < edgeElements.getLength(); i++) {
            Element edge = (Element) edgeElements.item(i);
            List<Point> points = new ArrayList<>();
            NodeList waypoints = edge.getElementsByTagNameNS(DI, "waypoint");
            for (int j = 0; j < waypoints.getLength(); j++) {
                Element waypoint = (Element) waypoints.item(j);
                points.add(new Point(number(waypoint, "x"), number(waypoint, "y")));
            }
            edges.put(edge.getAttribute("bpmnElement"), List.copyOf(points));
            labelBounds(edge).ifPresent(label -> labels.put(edge.getAttribute("bpmnElement"), label));
        }
        NodeList processes = document.getElementsByTagNameNS(MODEL, "process");
        if (processes.getLength() == 0) {
            throw new IllegalArgumentException("No BPMN process in this document");
        }
        Element process = (Element) processes.item(0);
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        List<Flow> flows = new ArrayList<>();
        collect(process, shapes, edges, labels, nodes, flows);
        return new ProcessDiagram(process.getAttribute("id"), process.getAttribute("name"), nodes, flows);
    }

    /** The bounds of a shape's or edge's BPMNLabel, when the model places its label. */
    private static java.util.Optional<Bounds> labelBounds(Element diagramElement) {
        Element label = firstChild(diagramElement, BPMNDI, "BPMNLabel");
        Element bounds = label == null ? null : firstChild(label, DC, "Bounds");
        return bounds == null ? java.util.Optional.empty() : java.util.Optional.of(new Bounds(number(bounds, "x"),
                number(bounds, "y"), number(bounds, "width"), number(bounds, "height")));
    }

    private static void collect(Element container, Map<String, Bounds> shapes, Map<String, List<Point>> edges,
            Map<String, Bounds> labels, Map<String, FlowNode> nodes, List<Flow> flows) {
        for (Node child = container.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element element) || !MODEL.equals(element.getNamespaceURI())) {
                continue;
            }
            String type = element.getLocalName();
            String id = element.getAttribute("id");
            if ("sequenceFlow".equals(type)) {
                Element condition = firstChild(element, MODEL, "conditionExpression");
                flows.add(new Flow(id, emptyToNull(element.getAttribute("name")),
                        condition == null ? null : emptyToNull(condition.getTextContent().strip()),
                        element.getAttribute("sourceRef"), element.getAttribute("targetRef"),
                        edges.getOrDefault(id, List.of()), labels.get(id)));
                continue;
            }
            Shape shape = shapeOf(type);
            if (shape != null) {
                nodes.put(id, new FlowNode(id, emptyToNull(element.getAttribute("name")), type, shape, shapes.get(id),
                        labels.get(id)));
            }
            if ("subProcess".equals(type)) {
                collect(element, shapes, edges, labels, nodes, flows);
            }
        }
    }

    private static Shape shapeOf(String type) {
        if (type.endsWith("Event")) {
            return Shape.EVENT;
        }
        if (type.endsWith("Gateway")) {
            return Shape.GATEWAY;
        }
        if (type.endsWith("Task") || type.equals("task") || type.equals("callActivity") || type.equals("subProcess")) {
            return Shape.TASK;
        }
        return null;
    }

    public String processKey() {
        return processKey;
    }

    public String processName() {
        return processName;
    }

    /** The flow nodes (events, tasks, gateways) in document order. */
    public List<FlowNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public List<Flow> flows() {
        return List.copyOf(flows);
    }

    public String toSvg() {
        return toSvg(Map.of());
    }

    /** The diagram as an inline SVG element, with these badges on these nodes (by activity id). */
    public String toSvg(Map<String, List<Badge>> badges) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = 0;
        double maxY = 0;
        for (FlowNode node : nodes.values()) {
            if (node.bounds() != null) {
                Bounds b = node.bounds();
                minX = Math.min(minX, b.x());
                minY = Math.min(minY, b.y() - 14); // badges sit above the shape
                maxX = Math.max(maxX, b.x() + b.width() + 14);
                maxY = Math.max(maxY, b.y() + b.height() + (node.shape() == Shape.TASK ? 0 : 30)); // names under
            }
        }
        List<Bounds> labels = new ArrayList<>();
        nodes.values().stream().map(FlowNode::labelBounds).filter(java.util.Objects::nonNull).forEach(labels::add);
        for (Flow flow : flows) {
            for (Point p : flow.waypoints()) {
                minX = Math.min(minX, p.x());
                minY = Math.min(minY, p.y());
                maxX = Math.max(maxX, p.x());
                maxY = Math.max(maxY, p.y());
            }
            if (flow.labelBounds() != null) {
                labels.add(flow.labelBounds());
            }
        }
        for (Bounds label : labels) {
            minX = Math.min(minX, label.x());
            minY = Math.min(minY, label.y());
            maxX = Math.max(maxX, label.x() + label.width());
            maxY = Math.max(maxY, label.y() + label.height());
        }
        if (minX == Double.MAX_VALUE) {
            minX = 0;
            minY = 0;
        }
        minX -= MARGIN;
        minY -= MARGIN;
        double width = maxX - minX + MARGIN;
        double height = maxY - minY + MARGIN;
        StringBuilder svg = new StringBuilder(16_384);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bpmn-diagram\" role=\"img\"")
                .append(" viewBox=\"").append(n(minX)).append(' ').append(n(minY)).append(' ').append(n(width)).append(' ')
                .append(n(height)).append("\" width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" data-process=\"").append(escape(processKey)).append("\">");
        svg.append("<title>").append(escape(processName == null || processName.isBlank() ? processKey : processName))
                .append("</title>");
        svg.append("<defs><marker id=\"bpmn-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"9\"")
                .append(" markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#5b6475\"/>")
                .append("</marker></defs>");
        for (Flow flow : flows) {
            flow(svg, flow);
        }
        for (FlowNode node : nodes.values()) {
            if (node.bounds() != null) {
                node(svg, node, badges.getOrDefault(node.id(), List.of()));
            }
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static void flow(StringBuilder svg, Flow flow) {
        if (flow.waypoints().size() < 2) {
            return;
        }
        svg.append("<g id=\"el-").append(escape(flow.id())).append("\" class=\"bpmn-flow\" data-source=\"")
                .append(escape(flow.sourceId())).append("\" data-target=\"").append(escape(flow.targetId())).append("\">");
        svg.append("<polyline fill=\"none\" stroke=\"#5b6475\" stroke-width=\"1.5\" marker-end=\"url(#bpmn-arrow)\" points=\"");
        for (Point p : flow.waypoints()) {
            svg.append(n(p.x())).append(',').append(n(p.y())).append(' ');
        }
        svg.setLength(svg.length() - 1);
        svg.append("\"/>");
        String label = flow.label();
        if (label != null) {
            Point at = flow.labelBounds() != null ? new Point(flow.labelBounds().x(), flow.labelBounds().y() + 10)
                    : labelPosition(flow.waypoints());
            svg.append("<text class=\"bpmn-flow-label\" x=\"").append(n(at.x())).append("\" y=\"").append(n(at.y()))
                    .append("\" font-size=\"10\" fill=\"#1d2330\">").append(escape(abbreviate(label, 28))).append("</text>");
        }
        svg.append("</g>");
    }

    /** Just above the middle of the longest segment after the first (the first leaves a gateway's corner). */
    private static Point labelPosition(List<Point> points) {
        int best = points.size() > 2 ? 1 : 0;
        double longest = -1;
        for (int i = points.size() > 2 ? 1 : 0; i < points.size() - 1; i++) {
            double length = Math.hypot(points.get(i + 1).x() - points.get(i).x(), points.get(i + 1).y() - points.get(i).y());
            if (length > longest) {
                longest = length;
                best = i;
            }
        }
        Point a = points.get(best);
        Point b = points.get(best + 1);
        boolean vertical = Math.abs(a.x() - b.x()) < 1;
        return vertical ? new Point(a.x() + 4, (a.y() + b.y()) / 2) : new Point(Math.min(a.x(), b.x()) + 6, a.y() - 4);
    }

    private static void node(StringBuilder svg, FlowNode node, List<Badge> badges) {
        Bounds b = node.bounds();
        String typeClass = "bpmn-" + kebab(node.type());
        svg.append("<g id=\"el-").append(escape(node.id())).append("\" class=\"bpmn-node bpmn-")
                .append(node.shape().name().toLowerCase(Locale.ROOT)).append(' ').append(typeClass)
                .append("\" data-activity=\"").append(escape(node.id())).append("\">");
        svg.append("<title>").append(escape(node.label())).append("</title>");
        double cx = b.x() + b.width() / 2;
        double cy = b.y() + b.height() / 2;
        switch (node.shape()) {
            case EVENT -> {
                boolean end = "endEvent".equals(node.type());
                svg.append("<circle class=\"bpmn-shape\" cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy))
                        .append("\" r=\"").append(n(Math.min(b.width(), b.height()) / 2)).append("\" fill=\"#fff\" stroke=\"")
                        .append(end ? "#a11d1d" : "#1f6f43").append("\" stroke-width=\"").append(end ? "4" : "2").append("\"/>");
                nameBelow(svg, node, cx, b.y() + b.height() + 12);
            }
            case GATEWAY -> {
                svg.append("<polygon class=\"bpmn-shape\" fill=\"#fff\" stroke=\"#8a3b12\" stroke-width=\"2\" points=\"")
                        .append(n(cx)).append(',').append(n(b.y())).append(' ')
                        .append(n(b.x() + b.width())).append(',').append(n(cy)).append(' ')
                        .append(n(cx)).append(',').append(n(b.y() + b.height())).append(' ')
                        .append(n(b.x())).append(',').append(n(cy)).append("\"/>");
                if ("exclusiveGateway".equals(node.type())) {
                    double d = b.width() / 7;
                    svg.append("<path class=\"bpmn-marker\" stroke=\"#8a3b12\" stroke-width=\"3\" d=\"M")
                            .append(n(cx - d)).append(',').append(n(cy - d)).append(" L").append(n(cx + d)).append(',')
                            .append(n(cy + d)).append(" M").append(n(cx + d)).append(',').append(n(cy - d)).append(" L")
                            .append(n(cx - d)).append(',').append(n(cy + d)).append("\"/>");
                }
                nameBelow(svg, node, cx, b.y() + b.height() + 12);
            }
            case TASK -> {
                svg.append("<rect class=\"bpmn-shape\" x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y()))
                        .append("\" width=\"").append(n(b.width())).append("\" height=\"").append(n(b.height()))
                        .append("\" rx=\"10\" ry=\"10\" fill=\"#fff\" stroke=\"#1d2330\" stroke-width=\"1.5\"/>");
                List<String> lines = wrap(node.label(), Math.max(8, (int) (b.width() / 6.2)), 4);
                double lineHeight = 13;
                double first = cy - (lines.size() - 1) * lineHeight / 2 + 4;
                svg.append("<text class=\"bpmn-name\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1d2330\">");
                for (int i = 0; i < lines.size(); i++) {
                    svg.append("<tspan x=\"").append(n(cx)).append("\" y=\"").append(n(first + i * lineHeight)).append("\">")
                            .append(escape(lines.get(i))).append("</tspan>");
                }
                svg.append("</text>");
            }
        }
        double right = b.x() + b.width() + 8;
        for (int i = badges.size() - 1; i >= 0; i--) {
            Badge badge = badges.get(i);
            double w = 10 + 7 * badge.text().length();
            double x = right - w;
            svg.append("<g class=\"bpmn-badge ").append(escape(badge.cssClass())).append("\">");
            if (badge.title() != null) {
                svg.append("<title>").append(escape(badge.title())).append("</title>");
            }
            svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(b.y() - 10)).append("\" width=\"").append(n(w))
                    .append("\" height=\"16\" rx=\"8\" ry=\"8\"/>");
            svg.append("<text x=\"").append(n(x + w / 2)).append("\" y=\"").append(n(b.y() + 2))
                    .append("\" text-anchor=\"middle\" font-size=\"10\">").append(escape(badge.text())).append("</text></g>");
            right = x - 3;
        }
        svg.append("</g>");
    }

    /** The name of an event or gateway: under the shape, or where the model's BPMNLabel places it. */
    private static void nameBelow(StringBuilder svg, FlowNode node, double cx, double y) {
        if (node.name() == null) {
            return;
        }
        if (node.labelBounds() != null) {
            cx = node.labelBounds().x() + node.labelBounds().width() / 2;
            y = node.labelBounds().y() + 10;
        }
        List<String> lines = wrap(node.name(), 22, 2);
        svg.append("<text class=\"bpmn-name\" text-anchor=\"middle\" font-size=\"10\" fill=\"#1d2330\">");
        for (int i = 0; i < lines.size(); i++) {
            svg.append("<tspan x=\"").append(n(cx)).append("\" y=\"").append(n(y + i * 12)).append("\">")
                    .append(escape(lines.get(i))).append("</tspan>");
        }
        svg.append("</text>");
    }

    /** Word wrap to lines of at most {@code width} characters; the last line ends with … when cut. */
    static List<String> wrap(String text, int width, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        if (lines.size() > maxLines) {
            List<String> cut = new ArrayList<>(lines.subList(0, maxLines));
            cut.set(maxLines - 1, abbreviate(cut.get(maxLines - 1) + " " + lines.get(maxLines), width));
            return cut;
        }
        return lines;
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static String n(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static Document read(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e; // reported through the exception, not printed on stderr
                }
            });
            return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("Not a readable BPMN document: " + e.getMessage(), e);
        }
    }

    private static Element firstChild(Element parent, String namespace, String localName) {
        NodeList children = parent.getElementsByTagNameNS(namespace, localName);
        return children.getLength() == 0 ? null : (Element) children.item(0);
    }

    private static double number(Element element, String attribute) {
        String value = element.getAttribute(attribute);
        return value.isBlank() ? 0 : Double.parseDouble(value);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
