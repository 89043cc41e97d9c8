package org.griot.telephony.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.asteriskjava.manager.action.ManagerAction;
import org.griot.telephony.CallCommand;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallScripts;
import org.griot.telephony.CallSession;
import org.griot.telephony.TelephonyEvents;
import org.griot.telephony.TelephonyProperties;
import org.griot.telephony.simulator.FakeAsterisk;
import org.griot.telephony.simulator.SimulatedCall;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Asterisk 22 image of docker/asterisk/ has what Griot's adapter uses: the modules behind every
 * FastAGI command and function Griot sends (taken from the wire, by running every call command through
 * the fake Asterisk, and from the function names Griot's code writes), behind every AMI action its
 * adapter builds, and behind the dialplan; only modules that exist in Asterisk 22; French and English
 * core sounds; the stock files Asterisk warns about; hold-music folders; only scripts Griot serves.
 */
class AsteriskConfigurationImageTests {

    static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    static final Path ADAPTER_SOURCES = MAIN_SOURCES.resolve(Path.of("org", "griot", "telephony", "asterisk"));
    static final Path DOCKERFILE = AsteriskConfigurationTests.ASTERISK_DIRECTORY.resolve("Dockerfile");

    static Set<String> asterisk22Modules;
    static AsteriskConfig modulesConf;
    static Set<String> loaded;

    @BeforeAll
    static void readModules() throws IOException {
        try (var in = AsteriskConfigurationImageTests.class.getResourceAsStream("/asterisk22/modules.txt")) {
            asterisk22Modules = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).map(String::strip)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        modulesConf = parse("modules.conf");
        loaded = AsteriskImageRules.loadedModules(modulesConf);
    }

    @Test
    void everyLoadedModuleExistsInAsterisk22() {
        assertThat(asterisk22Modules).hasSizeGreaterThan(300).contains("res_agi.so", "func_channel.so", "codec_g722.so")
                .doesNotContain("format_g722.so");
        assertThat(AsteriskImageRules.unknownModules(modulesConf, asterisk22Modules)).isEmpty();

        AsteriskConfig withG722 = AsteriskConfigParser.parse("modules.conf",
                text("modules.conf") + "\nload = format_g722.so\nload = chan_sip.so\n");
        assertThat(AsteriskImageRules.unknownModules(withG722, asterisk22Modules)).containsExactly(
                "modules.conf: chan_sip.so does not exist in Asterisk 22",
                "modules.conf: format_g722.so does not exist in Asterisk 22");
    }

    @Test
    void theModulesBehindEveryFastAgiCommandGriotSendsAreLoaded() throws Exception {
        Set<String> functionsSet = functionsWritten("SetCallData");
        Set<String> functionsRead = functionsWritten("GetCallData");
        assertThat(functionsSet).as("functions Griot's scripts set over AGI").contains("CHANNEL(language)");

        Set<Class<?>> performed = ConcurrentHashMap.newKeySet();
        CallScript everything = new CallScript() {
            @Override
            public String name() {
                return "everything";
            }

            @Override
            public void serve(CallSession call) {
                List<CallCommand<?>> commands = new ArrayList<>(List.of(new CallCommand.Answer(),
                        new CallCommand.PlayPrompt("griot/fr/welcome", "12"),
                        new CallCommand.CollectDigits("griot/fr/enter-code", 1, 4, Duration.ofSeconds(2), '#'),
                        new CallCommand.CollectDigits("griot/fr/menu", 1, 1, Duration.ofSeconds(2), null),
                        new CallCommand.SayDigits("42", ""), new CallCommand.SayNumber(1234, ""),
                        new CallCommand.RecordMessage("/var/spool/asterisk/recording/test", "wav", "#",
                                Duration.ofSeconds(30), Duration.ofSeconds(3), true),
                        new CallCommand.SetCallData("GRIOT_NEXT", "griot-hold,s,1"),
                        new CallCommand.GetCallData("GRIOT_AGENT")));
                functionsSet.forEach(function -> commands.add(new CallCommand.SetCallData(function, "fr")));
                functionsRead.forEach(function -> commands.add(new CallCommand.GetCallData(function)));
                commands.add(new CallCommand.HangUp());
                for (CallCommand<?> command : commands) {
                    call.perform(command);
                    performed.add(command.getClass());
                }
            }
        };
        TelephonyEvents bus = new TelephonyEvents();
        List<String> wire;
        try (AsteriskAgiServer agi = new AsteriskAgiServer(new TelephonyProperties.Agi("127.0.0.1", 0, 2, 4,
                Duration.ofSeconds(10), null, 0, null), new CallScripts(List.of(everything)), bus, Clock.systemUTC(), new AsteriskChannels())) {
            agi.start();
            try (FakeAsterisk fake = FakeAsterisk.builder().amiUser("griot", "secret")
                    .fastAgiServer("127.0.0.1", agi.port()).dialplan("1919", "agi://127.0.0.1:4573/everything").start()) {
                SimulatedCall call = fake.call("22997000001", "1919").start();
                assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();
                wire = call.agiCommands();
            }
        } finally {
            bus.destroy();
        }
        // Every kind of call command went over the wire: a new one must be added above.
        assertThat(performed).containsExactlyInAnyOrder(CallCommand.class.getPermittedSubclasses());

        Set<String> needed = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (String line : wire) {
            AsteriskModuleNeeds.Need need = AsteriskModuleNeeds.ofAgiLine(line);
            needed.addAll(need.modules());
            need.problem().ifPresent(problems::add);
        }
        assertThat(problems).isEmpty();
        assertThat(needed).contains("res_agi", "func_channel", "format_wav", "format_gsm", "format_pcm");
        assertThat(AsteriskImageRules.notLoaded(needed, loaded, "FastAGI")).isEmpty();

        // The check reports the module Asterisk 22.10.1 was found without (issue 18).
        Set<String> withoutChannel = new TreeSet<>(loaded);
        withoutChannel.remove("func_channel");
        assertThat(AsteriskImageRules.notLoaded(needed, withoutChannel, "FastAGI"))
                .containsExactly("modules.conf: func_channel.so is not loaded but FastAGI needs it");
        assertThat(AsteriskModuleNeeds.ofAgiLine("SET VARIABLE \"SHELL(id)\" \"x\"").problem()).isPresent();
        assertThat(AsteriskModuleNeeds.ofAgiLine("SPEECH CREATE x").problem()).isPresent();
    }

    @Test
    void theModulesBehindEveryAmiActionTheAdapterBuildsAreLoaded() throws Exception {
        String adapter = adapterSources();
        Set<String> actions = new TreeSet<>();
        Matcher created = Pattern.compile("new ([A-Z][A-Za-z]*Action)\\(").matcher(adapter);
        while (created.find()) {
            Class<?> type = Class.forName("org.asteriskjava.manager.action." + created.group(1));
            String action = ((ManagerAction) type.getDeclaredConstructor().newInstance()).getAction();
            // Asterisk matches action names without case (asterisk-java says "SetVar", manager.c "Setvar").
            actions.add(AsteriskConfigurationRules.ACTION_CLASSES.keySet().stream().filter(action::equalsIgnoreCase)
                    .findFirst().orElse(action));
        }
        assertThat(actions).contains("Originate", "Redirect", "Hangup", "MixMonitor", "StopMixMonitor");
        // Griot's AMI user may send each of them (manager.conf), checked by AsteriskConfigurationTests.
        assertThat(AsteriskConfigurationRules.ACTION_CLASSES).containsKeys(actions.toArray(String[]::new));

        Set<String> needed = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        actions.forEach(action -> collect(AsteriskModuleNeeds.ofAmiAction(action), needed, problems));
        Matcher technology = Pattern.compile("\"([A-Za-z0-9]+)/\"").matcher(adapter);
        while (technology.find()) {
            collect(AsteriskModuleNeeds.ofChannelTechnology(technology.group(1)), needed, problems);
        }
        assertThat(problems).isEmpty();
        assertThat(needed).contains("app_mixmonitor", "chan_pjsip");
        assertThat(AsteriskImageRules.notLoaded(needed, loaded, "AMI")).isEmpty();
        assertThat(AsteriskModuleNeeds.ofAmiAction("QueueAdd").problem()).isPresent();
    }

    @Test
    void theDialplanAndTheModulesItNeedsMatchIncludingFunctionsAssignedWithSet() {
        Dialplan dialplan = new Dialplan(parse("extensions.conf"));
        assertThat(AsteriskConfigurationRules.moduleProblems(modulesConf, dialplan)).isEmpty();
        // Set(CALLERID(num)=...) needs func_callerid even where no ${CALLERID(...)} is read.
        Dialplan onlySet = new Dialplan(AsteriskConfigParser.parse("extensions.conf", """
                [griot-outbound]
                exten => _X.,1,Set(CALLERID(num)=${GRIOT_CALLER_ID})
                """));
        AsteriskConfig withoutCallerId = AsteriskConfigParser.parse("modules.conf",
                text("modules.conf").replace("load = func_callerid.so", ""));
        assertThat(AsteriskConfigurationRules.moduleProblems(withoutCallerId, onlySet))
                .contains("modules.conf: func_callerid.so is not loaded but the dialplan needs it");
    }

    @Test
    void theDialplanCallsExactlyTheScriptsGriotServes() throws IOException {
        Set<String> served = new TreeSet<>();
        Pattern name = Pattern.compile("public String name\\(\\)\\s*\\{\\s*return \"([^\"]+)\";");
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                if (source.contains("implements CallScript")) {
                    Matcher matcher = name.matcher(source);
                    assertThat(matcher.find()).as("%s names its script with a literal", file).isTrue();
                    served.add(matcher.group(1));
                }
            }
        }
        assertThat(served).containsExactlyInAnyOrderElementsOf(AsteriskContract.SCRIPTS);
        Dialplan dialplan = new Dialplan(parse("extensions.conf"));
        assertThat(AsteriskConfigurationRules.uncalledScripts(dialplan)).isEmpty();

        // Where a script ends, the dialplan continues at the place the script wrote into GRIOT_NEXT.
        assertThat(variablesSet()).contains(AsteriskContract.VARIABLE_NEXT);
        for (List<String> place : List.of(List.of(AsteriskContract.CONTEXT_FROM_OPERATOR, "1919"),
                List.of(AsteriskContract.CONTEXT_ANNOUNCE, "s"),
                List.of(AsteriskContract.CONTEXT_OUTBOUND, AsteriskContract.EXTEN_CALLBACK_ANSWERED))) {
            assertThat(dialplan.reachableSteps(place.get(0), place.get(1))).as(place.toString())
                    .anySatisfy(step -> assertThat(step.application()).isEqualTo("AGI"))
                    .anySatisfy(step -> assertThat(step.arguments()).contains("${" + AsteriskContract.VARIABLE_NEXT + "}"));
        }
    }

    /** Plain channel variables Griot's scripts set (SetCallData("NAME", ...)). */
    private static Set<String> variablesSet() throws IOException {
        Pattern literal = Pattern.compile("SetCallData\\(\\s*\"([A-Z][A-Z0-9_]*)\"");
        Set<String> variables = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = literal.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    variables.add(matcher.group(1));
                }
            }
        }
        return variables;
    }

    @Test
    void theImageHasFrenchAndEnglishCoreSoundsInFormatsThatAreLoaded() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE, StandardCharsets.UTF_8);
        Set<String> phoneLanguages = new TreeSet<>(parse("pjsip.conf").sectionsOfType("endpoint").stream()
                .flatMap(section -> section.values("language").stream()).toList());
        parse("pjsip.conf").sections().forEach(section -> phoneLanguages.addAll(section.values("language")));
        assertThat(phoneLanguages).contains("fr");

        assertThat(AsteriskImageRules.soundProblems(dockerfile, loaded, phoneLanguages)).isEmpty();
        assertThat(AsteriskImageRules.coreSounds(dockerfile)).contains("fr/GSM", "fr/ALAW", "en/GSM", "en/ALAW");

        String englishOnly = dockerfile.replace("--enable CORE-SOUNDS-FR-GSM", "").replace("--enable CORE-SOUNDS-FR-ALAW", "");
        assertThat(AsteriskImageRules.soundProblems(englishOnly, loaded, phoneLanguages)).contains(
                "Dockerfile: no French (fr) core sounds (menuselect --enable CORE-SOUNDS-FR-<format>)",
                "Dockerfile: no fr core sounds for the phones' language fr");
        Set<String> withoutGsm = new TreeSet<>(loaded);
        withoutGsm.remove("format_gsm");
        assertThat(AsteriskImageRules.soundProblems(dockerfile, withoutGsm, phoneLanguages))
                .contains("Dockerfile: core sounds in GSM need format_gsm.so, not loaded");
    }

    @Test
    void theStockFilesAsteriskExpectsAreShippedWithABeninToneZone() {
        for (String file : List.of("cel.conf", "features.conf", "indications.conf", "acl.conf", "udptl.conf",
                "pjproject.conf", "ccss.conf")) {
            assertThat(AsteriskConfigurationTests.ASTERISK_DIRECTORY.resolve(file)).as(file).isRegularFile();
            assertThat(parse(file).unparsedLines()).as(file).isEmpty();
        }
        AsteriskConfig indications = parse("indications.conf");
        assertThat(indications.firstSectionNamed("general").orElseThrow().value("country")).contains("bj");
        AsteriskConfig.ConfigSection benin = indications.firstSectionNamed("bj").orElseThrow();
        for (String tone : List.of("description", "ringcadence", "dial", "busy", "ring", "congestion")) {
            assertThat(benin.value(tone)).as("bj " + tone).isPresent();
        }
        assertThat(benin.value("dial")).contains("425");
        assertThat(parse("cel.conf").firstSectionNamed("general").orElseThrow().value("enable")).contains("no");
    }

    @Test
    void everyHoldMusicFolderExistsInTheImage() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE, StandardCharsets.UTF_8);
        AsteriskConfig moh = parse("musiconhold.conf");
        assertThat(AsteriskImageRules.musicFolderProblems(moh, dockerfile, Path.of("prompts"))).isEmpty();
        assertThat(moh.firstSectionNamed("griot").orElseThrow().value("directory"))
                .contains("/var/lib/asterisk/sounds/griot/moh");

        AsteriskConfig elsewhere = AsteriskConfigParser.parse("musiconhold.conf",
                text("musiconhold.conf") + "\n[lost]\nmode = files\ndirectory = /var/lib/asterisk/sounds/griot/nowhere\n");
        assertThat(AsteriskImageRules.musicFolderProblems(elsewhere, dockerfile, Path.of("prompts"))).containsExactly(
                "musiconhold.conf [lost]: /var/lib/asterisk/sounds/griot/nowhere is neither created by the Dockerfile "
                        + "nor in prompts/ (mounted at sounds/griot)");
    }

    // ------------------------------------------------------------------ helpers

    private static void collect(AsteriskModuleNeeds.Need need, Set<String> needed, List<String> problems) {
        needed.addAll(need.modules());
        need.problem().ifPresent(problems::add);
    }

    /** Function names (NAME(arg)) that Griot's code passes to SetCallData or GetCallData. */
    private static Set<String> functionsWritten(String command) throws IOException {
        Pattern literal = Pattern.compile(command + "\\(\\s*\"([A-Z][A-Z0-9_]*\\([^\"]*\\))\"");
        Set<String> functions = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = literal.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    functions.add(matcher.group(1));
                }
            }
        }
        return functions;
    }

    private static String adapterSources() throws IOException {
        try (Stream<Path> files = Files.list(ADAPTER_SOURCES)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
            }
            return all.toString();
        }
    }

    static AsteriskConfig parse(String file) {
        return AsteriskConfigParser.parse(file, text(file));
    }

    static String text(String file) {
        try {
            return Files.readString(AsteriskConfigurationTests.ASTERISK_DIRECTORY.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
