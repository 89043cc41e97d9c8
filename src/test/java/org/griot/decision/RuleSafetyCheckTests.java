package org.griot.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.griot.ivr.RoutingRequest;
import org.griot.routing.ServiceSituation;
import org.griot.sample.TriageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The allow-list of ADR 0012, on parsed rule packages: what analysts may write, and hostile rules refused. */
class RuleSafetyCheckTests {

    private final RuleSafetyCheck check = new RuleSafetyCheck(
            RuleVocabulary.of(RoutingRequest.class, ServiceSituation.class, TriageRequest.class));

    /** A rule over a RoutingRequest bound as $r, with the given left-hand side constraints and consequence. */
    private static String rule(String constraints, String consequence) {
        return """
                package griot.test;

                import org.griot.ivr.RoutingRequest;

                rule "Under test"
                when
                    $r : RoutingRequest(%s)
                then
                    %s
                end
                """.formatted(constraints, consequence);
    }

    private List<RuleMessage> problems(String drl) {
        return check.check("griot/test/test.drl", drl);
    }

    @Test
    void theShippedRulesAreInTheVocabulary() throws Exception {
        SortedMap<String, String> sources = new TreeMap<>();
        Path root = Path.of("rules");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                sources.put(root.relativize(file).toString(), Files.readString(file));
            }
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(3);
        assertThat(check.check(sources)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "modify($r) { setQueue(\"vip\"), setPriority(1) }",
        "$r.setQueue(\"general\"); update($r);",
        "$r.addSkill(\"language:\" + $r.getLanguage()); update($r);",
        "$r.setPriority($r.getPriority() > 3 ? 3 : $r.getPriority() - 1); retract($r);",
        "insert(new TriageRequest($r.getCallerNumber(), \"VIP\")); delete($r);",
        "// a comment\n/* another */ modify($r) { setQueue(null) };",
        ""
    })
    void allowedConsequences(String consequence) {
        String drl = rule("queue == null", consequence).replace("import org.griot.ivr.RoutingRequest;",
                "import org.griot.ivr.RoutingRequest;\nimport org.griot.sample.TriageRequest;");
        assertThat(problems(drl)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "segment == \"VIP\", queue == null",
        "language != null, skills not contains (\"language:\" + language)",
        "priority > 3 && priority <= 5 || segment == 'GOLD'",
        "$lang : language, menuChoice in (\"1\", \"2\"), reason not in (\"x\")",
        "!(priority >= 2), skills contains \"vip\", callerNumber memberOf skills",
        "priority % 2 == 0, priority * 2 - 1 > 0, priority / 2 < 10"
    })
    void allowedConstraints(String constraints) {
        assertThat(problems(rule(constraints, "modify($r) { setPriority(1) }"))).isEmpty();
    }

    @Test
    void notExistsOrAndTwoPatternsAreAllowed() {
        String drl = """
                package griot.test;
                import org.griot.ivr.RoutingRequest;
                import org.griot.sample.TriageRequest;
                rule "Two facts"
                    salience -10
                    no-loop true
                    agenda-group "routing"
                    dialect "java"
                when
                    $r : RoutingRequest(queue == null)
                    $t : TriageRequest(callerNumber == $r.callerNumber, segment == $r.getSegment())
                    not RoutingRequest(queue == "vip")
                    exists (TriageRequest(priority > 0) or TriageRequest(queue != null))
                then
                    modify($r) { setQueue($t.getQueue()) }
                end
                """;
        assertThat(problems(drl)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        exit                    | System.exit(0);                                                              | 'System'
        runtime exec            | Runtime.getRuntime().exec("touch /tmp/x");                                   | 'Runtime'
        process builder         | new ProcessBuilder("sh").start();                                           | 'new'
        file write              | new java.io.FileOutputStream("/tmp/x").write(1);                            | 'new'
        files                   | java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/x"), "x");      | 'java'
        file                    | new java.io.File("/tmp/x").createNewFile();                                 | 'new'
        socket                  | new java.net.Socket("example.org", 80);                                     | 'new'
        url                     | new java.net.URL("http://example.org").openStream();                        | 'new'
        http client             | java.net.http.HttpClient.newHttpClient();                                   | 'java'
        class for name          | Class.forName("java.lang.Runtime");                                         | 'Class'
        get class               | $r.getClass().getClassLoader();                                             | getClass
        reflection chain        | $r.getSkills().getClass().getMethod("x").invoke(null);                       | one call per statement
        new thread              | new Thread(() -> {}).start();                                               | 'new'
        executors               | java.util.concurrent.Executors.newFixedThreadPool(1);                       | 'java'
        lambda                  | $r.setQueue(((java.util.function.Supplier<String>) () -> "x").get());       | 'java'
        while loop              | while (true) { $r.setPriority(1); }                                         | 'while'
        for loop                | for (int i = 0; i < 10; i++) { update($r); }                                | 'for'
        local variable          | String q = "vip"; $r.setQueue(q);                                           | 'String'
        assignment              | $r = null;                                                                  | expected '.'
        drools halt             | drools.halt();                                                              | 'drools'
        kcontext                | kcontext.getKieRuntime().getKieBase();                                      | 'kcontext'
        insert anything         | insert(new java.util.ArrayList());                                          | 'new' only creates
        insert string           | insert("x");                                                                | not a fact bound
        new in argument         | $r.setQueue(new String("x"));                                               | 'new'
        static call in argument | $r.setQueue(String.valueOf(1));                                             | 'String'
        unknown method          | $r.setSegment("VIP");                                                        | no method setSegment
        modify with code        | modify($r) { setQueue(System.getenv("HOME")) }                              | 'System'
        chained getter          | $r.setQueue($r.getSkills().toString());                                     | only one step
        unicode escape          | // \\u000a System.exit(0);                                                  | unicode escapes
        text block              | $r.setQueue(\""" x \""");                                                   | expected
        array                   | $r.setQueue(new String[] {"x"}[0]);                                         | 'new'
        if statement            | if ($r.getPriority() > 1) { update($r); }                                   | 'if'
        synchronized            | synchronized ($r) { update($r); }                                           | 'synchronized'
        try catch               | try { update($r); } catch (Exception e) { }                                  | 'try'
        throw                   | throw new RuntimeException("x");                                            | 'throw'
        """)
    void hostileConsequencesAreRefused(String what, String consequence, String reason) {
        List<RuleMessage> problems = problems(rule("queue == null", consequence));
        assertThat(problems).as(what).isNotEmpty();
        assertThat(problems.get(0).text()).as(what).contains(reason);
        assertThat(problems.get(0).file()).isEqualTo("griot/test/test.drl");
        assertThat(problems.get(0).line()).as(what).isGreaterThanOrEqualTo(8);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        static call             | queue == String.valueOf(System.exit(0))                  | 'String'
        method on a property    | language.getClass() != null                              | compared, not called
        fact bound later        | $r.getClass() != null                                    | '$r' is not
        unknown property        | password == "x"                                          | 'password'
        qualified name          | queue == java.lang.System.getProperty("user.home")       | 'java'
        matches                 | callerNumber matches "(a+)+$"                            | the end of the constraint
        method on value         | $lang : language, $lang.length() > 0                     | holds a value
        new in constraint       | queue == new String("x")                                 | 'new'
        inline cast             | queue#String != null                                     | found '#'
        null safe navigation    | queue!.length > 0                                        | found '!'
        """)
    void hostileConstraintsAreRefused(String what, String constraints, String reason) {
        List<RuleMessage> problems = problems(rule(constraints, "update($r);"));
        assertThat(problems).as(what).isNotEmpty();
        assertThat(problems).as(what).anySatisfy(p -> assertThat(p.text()).contains(reason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        import of java.lang     | import java.lang.System;                                                  | import java.lang.System is not a fact type
        import of java.io       | import java.io.File;                                                      | import java.io.File is not a fact type
        wildcard import         | import org.griot.ivr.*;                                                   | is not a fact type
        import function         | import function java.lang.System.exit;                                    | import function
        global                  | global java.util.List list;                                               | a global
        function with code      | function void boom() { System.exit(0); }                                  | a function
        empty function          | function void nothing() { }                                               | a function
        declare                 | declare Evil name : String end                                            | a 'declare'
        package dialect mvel    | dialect "mvel"                                                            | MVEL is not allowed
        query                   | query "all" $r : RoutingRequest() end                                     | queries are not supported
        """)
    void hostilePackageElementsAreRefused(String what, String element, String reason) {
        String drl = rule("queue == null", "update($r);").replace("import org.griot.ivr.RoutingRequest;",
                "import org.griot.ivr.RoutingRequest;\n" + element);
        assertThat(problems(drl)).as(what).anySatisfy(p -> assertThat(p.text()).contains(reason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        rule dialect mvel       | dialect "mvel"                          | MVEL is not allowed
        salience expression     | salience (System.exit(0))               | salience is a whole number
        enabled expression      | enabled (System.exit(0) == null)        | enabled is true or false
        timer                   | timer (int: 1s 1s)                      | attribute 'timer' is not allowed
        duration                | duration 1000                           | attribute 'duration' is not allowed
        calendars               | calendars "weekdays"                    | attribute 'calendars' is not allowed
        """)
    void hostileRuleAttributesAreRefused(String what, String attribute, String reason) {
        String drl = rule("queue == null", "update($r);").replace("rule \"Under test\"", "rule \"Under test\"\n    " + attribute);
        assertThat(problems(drl)).as(what).anySatisfy(p -> assertThat(p.text()).contains(reason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        eval                    | eval(System.exit(0) == null)                                        | eval
        from                    | $s : String() from System.getProperty("user.home")                  | 'String' is not an imported fact type
        from on a fact type     | $x : RoutingRequest() from new RoutingRequest(null, null, null, null, null, null) | no from
        accumulate              | $n : Number() from accumulate(RoutingRequest(), count(1))           | 'Number' is not an imported fact type
        collect                 | $l : java.util.ArrayList() from collect(RoutingRequest())           | is not an imported fact type
        pattern of object       | Object()                                                            | 'Object' is not an imported fact type
        pattern of system type  | Thread()                                                            | 'Thread' is not an imported fact type
        forall                  | forall(RoutingRequest(queue != null))                               | forall
        get class on a fact     | RoutingRequest(queue == $r.getClass().getName())                    | no method getClass
        drools in a constraint  | RoutingRequest(queue == drools.getRule().getName())                 | 'drools'
        """)
    void hostileConditionsAreRefused(String what, String condition, String reason) {
        String drl = rule("queue == null", "update($r);").replace("then", "    " + condition + "\nthen");
        assertThat(problems(drl)).as(what).anySatisfy(p -> assertThat(p.text()).contains(reason));
    }

    @Test
    void anEndlessLoopRuleIsInTheVocabularyButStoppedAtRunTime() {
        // Re-firing by modify is ordinary Drools: the check cannot tell it from a legitimate chain, so the host stops it.
        assertThat(problems(rule("priority >= 0", "modify($r) { setPriority($r.getPriority() + 1) }"))).isEmpty();
    }

    @Test
    void aBrokenFileIsReportedWithItsLine() {
        List<RuleMessage> problems = problems("package griot.test;\nrule \"x\" when then end end\n");
        assertThat(problems).isNotEmpty();
        assertThat(problems.get(0).file()).isEqualTo("griot/test/test.drl");
    }

    @Test
    void aTypeMustBeMarkedToJoinTheVocabulary() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleVocabulary.of(String.class))
                .hasMessageContaining("not marked @RuleFact");
        assertThat(RuleVocabulary.scan("org.griot").names())
                .contains(RoutingRequest.class.getName(), ServiceSituation.class.getName(), TriageRequest.class.getName());
    }
}
