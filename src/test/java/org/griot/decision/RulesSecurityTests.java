package org.griot.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.griot.decision.RulesHostIntegrationTests.asAnalyst;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.griot.IntegrationTest;
import org.griot.audit.AuditTrail;
import org.griot.ivr.RoutingRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Hostile rules, as an analyst would upload them over HTTP (issue 10, ADR 0012): each is refused
 * with its reason, staging keeps serving the version before, and nothing ran: the marker file each
 * rule tries to create is never there, even after a simulator call on staging reached the routing
 * rules. A hostile file in the rules folder is refused at the next poll and at a restart, and a
 * rule that re-fires forever is stopped at run time, the call routed by the fallback, recorded.
 */
class RulesSecurityTests extends IntegrationTest {

    private static final Path MARKER_DIR = createMarkerDir();
    private static final String MARKER = MARKER_DIR.resolve("ran").toAbsolutePath().toString();
    private static final Path HOSTILE_FILE = RULES.resolve("griot/ivr/hostile.drl");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    RulesHost host;

    @Autowired
    RuleBaseStore store;

    @Autowired
    RulesProperties properties;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HistoryService history;

    @Autowired
    MockMvc mvc;

    private static Path createMarkerDir() {
        try {
            return Files.createTempDirectory("griot-rules-marker");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void backToTheShippedRules() throws Exception {
        Files.deleteIfExists(HOSTILE_FILE);
        host.pollFolder();
        if (host.staging().orElseThrow().version() != host.production().orElseThrow().version()) {
            asAnalyst("cleanup", host::promote);
        }
    }

    /** A routing rule (it fires for every caller reaching an agent) with the given imports, attributes and consequence. */
    private static String routingRule(String header, String attributes, String when, String then) {
        return """
                package griot.ivr;

                import org.griot.ivr.RoutingRequest;
                %s

                rule "Hostile"
                    %s
                when
                    $r : RoutingRequest()
                    %s
                then
                    %s
                end
                """.formatted(header, attributes.contains("salience") ? attributes : "salience 1000 " + attributes, when,
                then.replace("MARKER", MARKER));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        System.exit               | | | | System.exit(0);                                                                       | 'System'
        java.io.File              | | | | new java.io.File("MARKER").createNewFile();                                           | 'new' only creates
        Files                     | | | | java.nio.file.Files.writeString(java.nio.file.Path.of("MARKER"), "x");               | 'java'
        FileOutputStream          | | | | new java.io.FileOutputStream("MARKER").close();                                       | 'new' only creates
        Socket                    | | | | new java.net.Socket("127.0.0.1", 9).close();                                          | 'new' only creates
        URL                       | | | | new java.net.URL("file:MARKER").openConnection().getOutputStream().close();           | 'new' only creates
        HttpClient                | | | | java.net.http.HttpClient.newHttpClient();                                             | 'java'
        Class.forName             | | | | Class.forName("java.lang.Runtime").getMethod("getRuntime").invoke(null);              | 'Class'
        getClass                  | | | | $r.getClass().getClassLoader().loadClass("java.lang.Runtime");                        | no method getClass
        Method.invoke             | | | | java.lang.reflect.Method m = $r.getClass().getMethod("toString"); m.invoke($r);      | 'java'
        new Thread                | | | | new Thread(() -> { }).start();                                                        | 'new' only creates
        Executors                 | | | | java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> { });          | 'java'
        ProcessBuilder            | | | | new ProcessBuilder("touch", "MARKER").start();                                        | 'new' only creates
        Runtime.exec              | | | | Runtime.getRuntime().exec(new String[] {"touch", "MARKER"});                          | 'Runtime'
        loop in the consequence   | | | | while (true) { $r.setPriority(1); }                                                   | 'while'
        MVEL dialect              | | dialect "mvel" | | new java.io.File("MARKER").createNewFile();                            | MVEL is not allowed
        function with code        | `function void touch() { new java.io.File("MARKER").createNewFile(); }` | | | touch(); | a function
        import of java.lang       | import java.lang.Runtime; | | | Runtime.getRuntime().exec("touch MARKER");                          | import java.lang.Runtime is not a fact type
        fully qualified java.*    | | | | java.nio.file.Files.createFile(java.nio.file.Path.of("MARKER"));                      | 'java'
        eval on the left          | | | eval(new java.io.File("MARKER").createNewFile()) | update($r);                              | eval
        from on the left          | | | `$f : Object() from new java.io.File("MARKER").createNewFile()` | update($r);               | 'Object' is not an imported fact type
        salience expression       | | salience (new java.io.File("MARKER").createNewFile() ? 1 : 0) | | update($r);               | salience is a whole number
        global                    | global java.io.File marker; | | | update($r);                                                 | a global
        unicode escape            | | | | // \\u000a new java.io.File("MARKER").createNewFile();                               | unicode escapes
        drools context            | | | | drools.getKieRuntime().getKieBase();                                                  | 'drools'
        endless loop (loop rule)  | | | `$x : RoutingRequest(priority >= 0)` | modify($x) { setPriority($x.getPriority() + 1) }    | a rule loop
        """)
    void aHostileRuleIsRefusedAtUploadWithItsReasonAndNeverRuns(String what, String header, String attributes, String when,
            String then, String reason) throws Exception {
        long staging = host.staging().orElseThrow().version();
        String drl = routingRule(header == null ? "" : header, attributes == null ? "" : attributes, when == null ? "" : when, then);

        MvcResult result = mvc.perform(multipart("/api/rules")
                        .file(new MockMultipartFile("file", "hostile.drl", "text/plain", drl.getBytes(StandardCharsets.UTF_8)))
                        .with(user("mallory").roles("ANALYST")).with(csrf()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).as(what).isEqualTo(422);
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).as(what).contains("griot/ivr/hostile.drl").contains(json(reason));
        assertThat(Files.exists(HOSTILE_FILE)).as("a refused upload is not written").isFalse();
        assertThat(host.staging().orElseThrow().version()).as("the previous version keeps serving").isEqualTo(staging);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'RULES_REJECTED' and actor = 'mallory'")
                .query(Integer.class).single()).isPositive();
        assertThat(Path.of(MARKER)).as(what + " never ran").doesNotExist();
    }

    @Test
    void afterTheRefusalsASimulatorCallOnStagingIsRoutedByTheShippedRulesAndNothingRan() throws Exception {
        mvc.perform(multipart("/api/rules").file(new MockMultipartFile("file", "hostile.drl", "text/plain",
                        routingRule("", "", "", "new java.io.File(\"MARKER\").createNewFile(); update($r);")
                                .getBytes(StandardCharsets.UTF_8)))
                .with(user("mallory").roles("ANALYST")).with(csrf()));

        Map<String, String> routed = simulatorCallToAnAgent("22997000001");

        assertThat(routed.get("outcome")).contains("queue=vip");
        assertThat(routed.get("firedRules")).doesNotContain("Hostile");
        assertThat(Path.of(MARKER)).doesNotExist();
    }

    @Test
    void aHostileFileInTheFolderIsRefusedAtThePollAndAtARestartAndNeverRuns() throws Exception {
        long staging = host.staging().orElseThrow().version();
        long production = host.production().orElseThrow().version();
        String hostile = routingRule("", "", "", "new java.io.File(\"MARKER\").createNewFile(); update($r);");
        Files.writeString(HOSTILE_FILE, hostile);
        // A version stored before the checks existed (or written into the database): never run either.
        SortedMap<String, String> stored = new TreeMap<>(store.sources(staging));
        stored.put("griot/ivr/hostile.drl", hostile.replace("\"Hostile\"", "\"Hostile, stored\""));
        long storedVersion = store.save(RuleBaseCompiler.checksum(stored), stored, 99, "mallory", "test", Clock.systemUTC().instant());

        host.pollFolder();

        assertThat(host.staging().orElseThrow().version()).isEqualTo(staging);
        assertThat(host.lastRejection().orElseThrow().errors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("griot/ivr/hostile.drl");
            assertThat(e.text()).contains("'new' only creates");
        });
        RulesHost restarted = new RulesHost(properties, store, audit, Clock.systemUTC(), new SimpleMeterRegistry(), false);
        try {
            restarted.afterPropertiesSet();
            // The newest stored version that passes today's checks: the hostile one stored last is skipped.
            assertThat(restarted.staging().orElseThrow().version()).as("the last good version serves, not v" + storedVersion)
                    .isLessThan(storedVersion);
            assertThat(restarted.lastRejection().orElseThrow().errors()).anySatisfy(e -> assertThat(e.file())
                    .isEqualTo("griot/ivr/hostile.drl"));
            assertThat(restarted.production().orElseThrow().version()).isEqualTo(production);
            RoutingRequest caller = new RoutingRequest("22997000001", "fr", "VIP", "0", null, "choice");
            assertThat(restarted.decide(Stage.STAGING, List.of(caller)).firedRules()).isNotEmpty();
            assertThat(caller.getQueue()).isEqualTo("vip");
        } finally {
            restarted.destroy();
        }
        assertThat(Path.of(MARKER)).doesNotExist();
    }

    @Test
    void aRuleThatReFiresForeverIsStoppedAndTheCallIsRoutedByTheFallbackRecorded() throws Exception {
        MvcResult upload = mvc.perform(multipart("/api/rules").file(new MockMultipartFile("file", "hostile.drl", "text/plain",
                        routingRule("", "", "", "modify($r) { setPriority($r.getPriority() + 1) }")
                                // Loops for this caller only: the trial decisions on empty facts do not see it.
                                .replace("$r : RoutingRequest()", "$r : RoutingRequest(callerNumber == \"22997000002\", priority >= 0)")
                                .getBytes(StandardCharsets.UTF_8)))
                .with(user("mallory").roles("ANALYST")).with(csrf())).andReturn();
        assertThat(upload.getResponse().getStatus()).as("re-firing is ordinary Drools: it builds").isEqualTo(200);

        Map<String, String> routed = simulatorCallToAnAgent("22997000002");

        assertThat(routed.get("outcome")).startsWith("fallback (rule base").contains("queue=general", "priority=5");
        assertThat(routed.get("firedRules")).contains("griot.ivr.Hostile");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'RULES_DECISION_STOPPED' and target = ?")
                .param("rules:v" + host.staging().orElseThrow().version()).query(Integer.class).single()).isPositive();
    }

    /** Dials 1919 from the browser simulator (staging), presses 1 (French) then 0 (an agent); the routing decision recorded. */
    private Map<String, String> simulatorCallToAnAgent(String caller) throws Exception {
        jdbc.sql("delete from caller_profile where caller_number = ?").param(caller).update();
        String location = mvc.perform(post("/ivr/simulator/calls").param("callerNumber", caller).param("environment", "staging")
                .with(user("mallory").roles("ANALYST")).with(csrf())).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/ivr/simulator/calls/sim-");
        String callId = location.substring(location.lastIndexOf('/') + 1);
        awaitActivity(callId, "choose-language");
        press(callId, "1");
        awaitActivity(callId, "main-menu");
        press(callId, "0");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var decision = jdbc.sql("select outcome, fired_rules from decision_record where subject_type = 'call' and subject_id = ?"
                    + " and outcome not like 'playbook%' and outcome not like 'fallback (%: playbook%' order by id desc limit 1")
                    .param(callId).query((rs, i) -> Map.of("outcome", rs.getString(1), "firedRules", rs.getString(2))).optional();
            if (decision.isPresent()) {
                return decision.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no routing decision recorded for " + callId);
    }

    private void press(String callId, String key) throws Exception {
        assertThat(mvc.perform(post("/ivr/simulator/calls/" + callId + "/keys").param("key", key)
                .with(user("mallory").roles("ANALYST")).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(204);
    }

    private void awaitActivity(String callId, String activityId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(callId).singleResult();
            if (instance != null && history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                    .activityId(activityId).count() > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(callId + " never reached " + activityId);
    }

    /** The reason as Jackson writes it in the JSON body. */
    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
