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
        assertThat(rect.getAttribute("x")).isEqualTo("436");
        assertThat(rect.getAttribute("width")).isEqualTo("100");
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
        assertThat(line.getAttribute("points")).isEqualTo("611,143 611,118 686,118");
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
