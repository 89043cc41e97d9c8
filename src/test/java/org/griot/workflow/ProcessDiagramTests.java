package org.griot.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG renderer on the shipped 1919 IVR: every element drawn, addressable by id, well-formed. */
class ProcessDiagramTests {

    static ProcessDiagram diagram;
    static Document svg;

    @BeforeAll
    static void render() throws Exception {
        diagram = ProcessDiagram.parse(Files.readString(Path.of("processes/ivr-1919.bpmn")));
        svg = parse(diagram.toSvg());
    }

    @Test
    void readsEveryFlowNodeAndFlowOfTheModel() {
        assertThat(diagram.processKey()).isEqualTo("ivr-1919");
        assertThat(diagram.nodes()).extracting(ProcessDiagram.FlowNode::id)
                .contains("call-arrived", "language-known", "choose-language", "set-language", "welcome", "main-menu",
                        "choice-made", "route-to-agent", "transfer-to-agent", "queued-for-agent", "served-in-ivr", "hang-up");
        assertThat(diagram.nodes()).allSatisfy(node -> assertThat(node.bounds()).as(node.id()).isNotNull());
        assertThat(diagram.flows()).allSatisfy(flow -> assertThat(flow.waypoints()).as(flow.id()).hasSizeGreaterThanOrEqualTo(2));
        assertThat(diagram.nodes()).filteredOn(n -> n.id().equals("choice-made")).singleElement()
                .extracting(ProcessDiagram.FlowNode::shape).isEqualTo(ProcessDiagram.Shape.GATEWAY);
    }

    @Test
    void isWellFormedSvgWithAnElementPerFlowNodeNamedAfterItsId() {
        Element root = svg.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getAttribute("viewBox")).matches("-?[0-9.]+ -?[0-9.]+ [0-9.]+ [0-9.]+");
        Map<String, Element> byId = elementsById();
        for (ProcessDiagram.FlowNode node : diagram.nodes()) {
            Element element = byId.get("el-" + node.id());
            assertThat(element).as(node.id()).isNotNull();
            assertThat(element.getAttribute("class")).contains("bpmn-node", "bpmn-" + node.shape().name().toLowerCase());
            assertThat(element.getAttribute("data-activity")).isEqualTo(node.id());
        }
        for (ProcessDiagram.Flow flow : diagram.flows()) {
            assertThat(byId.get("el-" + flow.id())).as(flow.id()).isNotNull();
        }
    }

    @Test
    void drawsEventsAsCirclesTasksAsRoundedRectanglesWithTheirNamesAndGatewaysAsDiamonds() {
        Map<String, Element> byId = elementsById();
        assertThat(byId.get("el-call-arrived").getElementsByTagName("circle").getLength()).isEqualTo(1);
        assertThat(byId.get("el-queued-for-agent").getAttribute("class")).contains("bpmn-end-event");
        Element menu = byId.get("el-main-menu");
        Element rect = (Element) menu.getElementsByTagName("rect").item(0);
        assertThat(rect.getAttribute("rx")).isNotEmpty();
        ProcessDiagram.Bounds bounds = node("main-menu").bounds();
        assertThat(Double.parseDouble(rect.getAttribute("x"))).isEqualTo(bounds.x());
        assertThat(Double.parseDouble(rect.getAttribute("width"))).isEqualTo(bounds.width()).isEqualTo(100);
        assertThat(text(menu, "text")).isEqualTo("Main menu");
        Element gateway = byId.get("el-choice-made");
        assertThat(((Element) gateway.getElementsByTagName("polygon").item(0)).getAttribute("points").split(" ")).hasSize(4);
    }

    @Test
    void drawsFlowsAsPolylinesWithArrowsAndConditionLabels() {
        Map<String, Element> byId = elementsById();
        Element agent = byId.get("el-sequenceFlow_b0864f19-c298-48de-bdcc-69401bdf9527");
        assertThat(agent.getAttribute("data-source")).isEqualTo("choice-made");
        assertThat(agent.getAttribute("data-target")).isEqualTo("route-to-agent");
        Element line = (Element) agent.getElementsByTagName("polyline").item(0);
        ProcessDiagram.Flow flow = diagram.flows().stream().filter(f -> f.id().equals("sequenceFlow_b0864f19-c298-48de-bdcc-69401bdf9527"))
                .findFirst().orElseThrow();
        assertThat(line.getAttribute("points")).isEqualTo(String.join(" ", flow.waypoints().stream()
                .map(p -> ProcessDiagram.n(p.x()) + "," + ProcessDiagram.n(p.y())).toList()));
        assertThat(flow.waypoints()).hasSizeGreaterThanOrEqualTo(2);
        // The model places this label (BPMNLabel): the text is drawn there, not on the longest segment.
        assertThat(flow.labelBounds()).isNotNull();
        Element label = (Element) agent.getElementsByTagName("text").item(0);
        assertThat(Double.parseDouble(label.getAttribute("x"))).isEqualTo(flow.labelBounds().x());
        assertThat(line.getAttribute("marker-end")).isEqualTo("url(#bpmn-arrow)");
        assertThat(text(agent, "text")).isEqualTo("0 agent");
        assertThat(svg.getElementsByTagName("marker").getLength()).isEqualTo(1);
    }

    @Test
    void pinsBadgesToNodesAndEscapesWhatItWrites() throws Exception {
        Document withBadges = parse(diagram.toSvg(Map.of("main-menu", List.of(
                new ProcessDiagram.Badge("12", "badge-visits", "12 visits"),
                new ProcessDiagram.Badge("3", "badge-dropouts", "3 <hung up> & \"left\"")))));
        Element menu = null;
        NodeList groups = withBadges.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            if (((Element) groups.item(i)).getAttribute("id").equals("el-main-menu")) {
                menu = (Element) groups.item(i);
            }
        }
        assertThat(menu).isNotNull();
        List<String> badgeTexts = new java.util.ArrayList<>();
        NodeList inner = menu.getElementsByTagName("g");
        for (int i = 0; i < inner.getLength(); i++) {
            Element badge = (Element) inner.item(i);
            assertThat(badge.getAttribute("class")).startsWith("bpmn-badge ");
            badgeTexts.add(text(badge, "text"));
        }
        assertThat(badgeTexts).containsExactlyInAnyOrder("12", "3");
        assertThat(text(menu, "title")).isEqualTo("Main menu");
        assertThat(ProcessDiagram.escape("a<b>&\"c'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;");
    }

    /** The shipped layout stays readable: no two shapes overlap, and no flow runs through a shape it does not join. */
    @Test
    void theShippedDiagramHasNoOverlappingShapesAndNoFlowThroughAShape() {
        List<ProcessDiagram.FlowNode> nodes = diagram.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                assertThat(overlap(nodes.get(i).bounds(), nodes.get(j).bounds(), 10))
                        .as("%s and %s overlap (10 px apart at least)", nodes.get(i).id(), nodes.get(j).id()).isFalse();
            }
        }
        for (ProcessDiagram.Flow flow : diagram.flows()) {
            for (ProcessDiagram.FlowNode node : nodes) {
                if (node.id().equals(flow.sourceId()) || node.id().equals(flow.targetId())) {
                    continue;
                }
                assertThat(crosses(flow.waypoints(), node.bounds())).as("flow %s (%s -> %s) runs through %s", flow.id(),
                        flow.sourceId(), flow.targetId(), node.id()).isFalse();
            }
        }
        // A broken layout is caught: a shape moved onto another, a flow drawn across a shape.
        ProcessDiagram.Bounds menu = node("main-menu").bounds();
        assertThat(overlap(menu, new ProcessDiagram.Bounds(menu.x() + 50, menu.y() + 20, 100, 80), 10)).isTrue();
        assertThat(crosses(List.of(new ProcessDiagram.Point(menu.x() - 20, menu.y() + 40),
                new ProcessDiagram.Point(menu.x() + 200, menu.y() + 40)), menu)).isTrue();
    }

    private static boolean overlap(ProcessDiagram.Bounds a, ProcessDiagram.Bounds b, double gap) {
        return a.x() < b.x() + b.width() + gap && b.x() < a.x() + a.width() + gap
                && a.y() < b.y() + b.height() + gap && b.y() < a.y() + a.height() + gap;
    }

    /** Whether a polyline enters the inside of a rectangle (sampled every pixel; touching the border is fine). */
    private static boolean crosses(List<ProcessDiagram.Point> points, ProcessDiagram.Bounds b) {
        for (int i = 0; i + 1 < points.size(); i++) {
            ProcessDiagram.Point from = points.get(i);
            ProcessDiagram.Point to = points.get(i + 1);
            int steps = (int) Math.max(1, Math.ceil(Math.hypot(to.x() - from.x(), to.y() - from.y())));
            for (int k = 0; k <= steps; k++) {
                double x = from.x() + (to.x() - from.x()) * k / steps;
                double y = from.y() + (to.y() - from.y()) * k / steps;
                if (x > b.x() + 1 && x < b.x() + b.width() - 1 && y > b.y() + 1 && y < b.y() + b.height() - 1) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ProcessDiagram.FlowNode node(String id) {
        return diagram.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void refusesWhatIsNotBpmn() {
        assertThatThrownBy(() -> ProcessDiagram.parse("<definitions/>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessDiagram.parse("not xml")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ProcessDiagram.wrap("Look up the mobile-money account", 16, 4))
                .containsExactly("Look up the", "mobile-money", "account");
    }

    private static Map<String, Element> elementsById() {
        Map<String, Element> byId = new HashMap<>();
        NodeList all = svg.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (!element.getAttribute("id").isEmpty()) {
                assertThat(byId.put(element.getAttribute("id"), element)).as("duplicate id " + element.getAttribute("id")).isNull();
            }
        }
        return byId;
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
