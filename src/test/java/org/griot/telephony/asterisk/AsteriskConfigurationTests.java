package org.griot.telephony.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Asterisk configuration shipped in docker/asterisk/ gives Griot everything AsteriskContract names:
 * contexts, FastAGI scripts, the AMI user with just enough rights, the modules the dialplan needs, the
 * trunks and phones. Asterisk is not run here; the files are parsed and checked, and each check is also
 * run on a broken configuration to prove it would catch the mistake.
 */
class AsteriskConfigurationTests {

    static final Path ASTERISK_DIRECTORY = Path.of("docker", "asterisk");
    static final Path ENTRYPOINT = ASTERISK_DIRECTORY.resolve("docker-entrypoint.sh");

    static Map<String, AsteriskConfig> configs;
    static Dialplan dialplan;

    @BeforeAll
    static void parseShippedConfiguration() throws IOException {
        configs = new TreeMap<>();
        try (Stream<Path> files = Files.list(ASTERISK_DIRECTORY)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".conf")).toList()) {
                String name = file.getFileName().toString();
                configs.put(name, AsteriskConfigParser.parse(name, Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        assertThat(configs).containsKeys("extensions.conf", "pjsip.conf", "manager.conf", "modules.conf", "musiconhold.conf");
        dialplan = new Dialplan(configs.get("extensions.conf"));
    }

    @Test
    void everyLineOfEveryFileIsUnderstood() {
        List<String> unparsed = new ArrayList<>();
        configs.values().forEach(config -> unparsed.addAll(config.unparsedLines()));
        unparsed.addAll(dialplan.problems());

        assertThat(unparsed).isEmpty();
    }

    @Test
    void everyIncludeIsShippedOrWrittenByTheEntrypoint() throws IOException {
        String entrypoint = Files.readString(ENTRYPOINT, StandardCharsets.UTF_8);
        for (AsteriskConfig config : configs.values()) {
            for (String include : config.includes()) {
                assertThat(configs.containsKey(include) || entrypoint.contains(include))
                        .as("%s includes %s, which is neither in docker/asterisk nor written by the entrypoint",
                                config.fileName(), include)
                        .isTrue();
            }
        }
    }

    @Test
    void everyContextGriotUsesExists() {
        assertThat(AsteriskConfigurationRules.missingContexts(dialplan)).isEmpty();
        assertThat(dialplan.contextNames()).containsAll(AsteriskContract.CONTEXTS);
    }

    @Test
    void everyFastAgiScriptIsCalledOnGriotsPort() {
        assertThat(AsteriskConfigurationRules.uncalledScripts(dialplan)).isEmpty();
    }

    @Test
    void serviceNumbersAnswerAndReachTheIvr() {
        for (String number : AsteriskContract.SERVICE_NUMBERS) {
            assertThat(AsteriskConfigurationRules.serviceNumberProblems(dialplan, AsteriskContract.CONTEXT_FROM_OPERATOR,
                    number, AsteriskContract.SCRIPT_IVR)).isEmpty();
            assertThat(AsteriskConfigurationRules.serviceNumberProblems(dialplan, AsteriskContract.CONTEXT_FROM_STAGING,
                    number, AsteriskContract.SCRIPT_IVR)).isEmpty();
            // Agents reach the service through from-operator, as customers do.
            assertThat(AsteriskConfigurationRules.serviceNumberProblems(dialplan, AsteriskContract.CONTEXT_AGENTS,
                    number, AsteriskContract.SCRIPT_IVR)).isEmpty();
        }
        // The staging endpoint's calls run the staging version of the IVR.
        assertThat(dialplan.reachableSteps(AsteriskContract.CONTEXT_FROM_STAGING, "1919"))
                .anySatisfy(step -> assertThat(step.arguments()).endsWith("/ivr?env=staging"));
        assertThat(dialplan.reachableSteps(AsteriskContract.CONTEXT_FROM_OPERATOR, "1919"))
                .noneSatisfy(step -> assertThat(step.arguments()).contains("env=staging"));
    }

    @Test
    void redirectAndOriginateTargetsRunWhatGriotExpects() {
        List<Dialplan.Step> hold = dialplan.reachableSteps(AsteriskContract.CONTEXT_HOLD, "s");
        assertThat(hold).extracting(Dialplan.Step::application).contains("Answer", "StartMusicOnHold", "Wait")
                .doesNotContain("Hangup");
        assertThat(hold).anySatisfy(step -> assertThat(step.arguments()).contains("${GRIOT_MOH_CLASS}"));

        assertThat(scriptsReached(AsteriskContract.CONTEXT_OUTBOUND, AsteriskContract.EXTEN_CALLBACK_ANSWERED))
                .contains(AsteriskContract.SCRIPT_CALLBACK);

        // An agent endpoint is rung with the ring timeout, and a caller the agent missed goes back to hold.
        List<Dialplan.Step> connect = dialplan.reachableSteps(AsteriskContract.CONTEXT_CONNECT, "1001");
        assertThat(connect).anySatisfy(step -> {
            assertThat(step.application()).isEqualTo("Dial");
            assertThat(step.arguments()).startsWith("PJSIP/${EXTEN},${GRIOT_RING_TIMEOUT}");
        });
        assertThat(connect).anySatisfy(step -> assertThat(step.context()).isEqualTo(AsteriskContract.CONTEXT_HOLD));
        // The caller gets no transfer key: neither T (caller) nor t (agent) in Dial's options.
        assertThat(connect).filteredOn(step -> step.application().equals("Dial"))
                .allSatisfy(step -> assertThat(step.arguments().split(",")[2].replaceAll("\\([^)]*\\)", ""))
                        .doesNotContain("T", "t"));

        assertThat(dialplan.reachableSteps(AsteriskContract.CONTEXT_OUTBOUND, "0612345678"))
                .anySatisfy(step -> assertThat(step.arguments()).startsWith("PJSIP/${EXTEN}@${GRIOT_OUTBOUND_TRUNK}"));
        assertThat(dialplan.reachableSteps(AsteriskContract.CONTEXT_SPY, "1001"))
                .anySatisfy(step -> assertThat(step.arguments()).isEqualTo("${GRIOT_SPY_TARGET},qES${GRIOT_SPY_OPTIONS}"));
    }

    @Test
    void griotsAmiUserHoldsJustTheRightsItsActionsNeed() {
        assertThat(AsteriskConfigurationRules.managerProblems(configs.get("manager.conf"))).isEmpty();
    }

    @Test
    void modulesConfLoadsWhatTheDialplanNeeds() {
        assertThat(AsteriskConfigurationRules.moduleProblems(configs.get("modules.conf"), dialplan)).isEmpty();
    }

    @Test
    void pjsipHasTheTrunksThePhonesAndTheStagingEndpoint() {
        assertThat(AsteriskConfigurationRules.pjsipProblems(configs.get("pjsip.conf"))).isEmpty();
    }

    @Test
    void noSecretIsCommitted() {
        configs.values().forEach(config -> assertThat(AsteriskConfigurationRules.committedSecrets(config)).isEmpty());
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeAgreesWithTheAsteriskConfiguration() throws IOException {
        Map<String, Object> compose = new Yaml()
                .load(Files.readString(Path.of("docker", "compose.yaml"), StandardCharsets.UTF_8));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> asterisk = (Map<String, Object>) services.get("asterisk");
        Map<String, Object> griot = (Map<String, Object>) services.get("griot");
        Map<String, Object> griotEnvironment = (Map<String, Object>) griot.get("environment");
        Map<String, Object> asteriskEnvironment = (Map<String, Object>) asterisk.get("environment");

        // Griot logs into AMI as the manager.conf user, from the network manager.conf permits.
        assertThat(griotEnvironment).containsEntry("GRIOT_TELEPHONY_AMI_USERNAME", AsteriskContract.AMI_USER)
                .containsEntry("GRIOT_TELEPHONY_AGI_PORT", String.valueOf(AsteriskContract.AGI_PORT))
                .containsEntry("GRIOT_TELEPHONY_ADAPTER", "asterisk")
                .containsKeys("GRIOT_TELEPHONY_AMI_HOST", "GRIOT_TELEPHONY_AMI_PORT", "GRIOT_TELEPHONY_AMI_PASSWORD",
                        "GRIOT_TELEPHONY_AGI_BIND", "GRIOT_DATABASE_URL", "GRIOT_DATABASE_USERNAME", "GRIOT_DATABASE_PASSWORD",
                        "GRIOT_SECURITY_BOOTSTRAP_ADMIN_USERNAME", "GRIOT_SECURITY_BOOTSTRAP_ADMIN_PASSWORD");
        Map<String, Object> networks = (Map<String, Object>) compose.get("networks");
        Map<String, Object> backend = (Map<String, Object>) networks.get("backend");
        String subnet = (String) ((List<Map<String, Object>>) ((Map<String, Object>) backend.get("ipam")).get("config"))
                .get(0).get("subnet");
        assertThat(backend).containsEntry("internal", true);
        assertThat(subnet).isEqualTo("172.30.10.0/24");
        // Only the backend network (Asterisk) may open FastAGI sessions.
        assertThat(griotEnvironment).containsEntry("GRIOT_TELEPHONY_AGI_ALLOWED_SOURCES", subnet);
        assertThat(configs.get("manager.conf").firstSectionNamed(AsteriskContract.AMI_USER).orElseThrow().values("permit"))
                .containsExactly("172.30.10.0/255.255.255.0");
        Map<String, Object> asteriskNetworks = (Map<String, Object>) asterisk.get("networks");
        assertThat((List<String>) ((Map<String, Object>) asteriskNetworks.get("backend")).get("aliases"))
                .contains((String) griotEnvironment.get("GRIOT_TELEPHONY_AMI_HOST"));

        // The dialplan's FastAGI host is the griot service; AMI is never published, SIP and RTP are.
        assertThat(configs.get("extensions.conf").firstSectionNamed("globals").orElseThrow().value("GRIOT_AGI_HOST"))
                .hasValueSatisfying(host -> assertThat(services).containsKey(host));
        List<String> ports = (List<String>) asterisk.get("ports");
        AsteriskConfig.ConfigSection rtp = configs.get("rtp.conf").firstSectionNamed("general").orElseThrow();
        String rtpRange = rtp.value("rtpstart").orElseThrow() + "-" + rtp.value("rtpend").orElseThrow();
        assertThat(ports).contains("5060:5060/udp", rtpRange + ":" + rtpRange + "/udp")
                .noneSatisfy(port -> assertThat(port).contains("5038"));

        // Every desk phone's password is passed to the entrypoint and documented in .env.example.
        String environmentExample = Files.readString(Path.of("docker", ".env.example"), StandardCharsets.UTF_8);
        List<String> phones = configs.get("pjsip.conf").sections().stream()
                .filter(section -> section.inheritedTemplates().contains("agent-auth"))
                .map(section -> "ASTERISK_PHONE_PASSWORD_" + section.name().replaceFirst("-auth$", "").toUpperCase().replace('-', '_'))
                .toList();
        assertThat(phones).contains("ASTERISK_PHONE_PASSWORD_1001", "ASTERISK_PHONE_PASSWORD_STAGING_TEST");
        assertThat(asteriskEnvironment).containsKeys(phones.toArray(String[]::new)).containsKey("GRIOT_TELEPHONY_AMI_PASSWORD");
        phones.forEach(variable -> assertThat(environmentExample).contains(variable + "=\n"));
    }

    // The checks themselves: each must report a broken configuration.

    @Test
    void aMissingContextOrScriptIsReported() {
        String withoutSpyAndCallback = configText("extensions.conf").replace("[griot-spy]", "[somewhere-else]")
                .replace(":4573/callback)", ":4573/voicemail)");
        Dialplan broken = new Dialplan(AsteriskConfigParser.parse("extensions.conf", withoutSpyAndCallback));

        assertThat(AsteriskConfigurationRules.missingContexts(broken)).containsExactly(
                "extensions.conf: context [griot-spy] is missing");
        // The callback script is no longer called, and the dialplan hands calls to a script Griot does not serve.
        assertThat(AsteriskConfigurationRules.uncalledScripts(broken)).containsExactly(
                "extensions.conf [griot-outbound] callback: AGI script 'voicemail' is not one Griot serves "
                        + AsteriskContract.SCRIPTS,
                "extensions.conf: no AGI(agi://...:4573/callback) calls the callback script");
    }

    @Test
    void aServiceNumberThatDoesNotReachTheIvrIsReported() {
        Dialplan wrongScript = new Dialplan(AsteriskConfigParser.parse("extensions.conf", """
                [from-operator]
                exten => 1919,1,Answer()
                 same => n,AGI(agi://griot:4573/callback)
                """));
        Dialplan agiBeforeAnswer = new Dialplan(AsteriskConfigParser.parse("extensions.conf", """
                [from-operator]
                exten => _19XX,1,Goto(ivr-entry,s,1)
                [ivr-entry]
                exten => s,1,AGI(agi://griot:4573/ivr)
                 same => n,Answer()
                """));
        Dialplan viaGoto = new Dialplan(AsteriskConfigParser.parse("extensions.conf", """
                [from-operator]
                exten => _19XX,1,Answer()
                 same => n,GotoIf($["${CALLERID(num)}" = ""]?ivr-entry,s,1:ivr-entry,s,1)
                [ivr-entry]
                exten => s,1,AGI(agi://${GRIOT_AGI_HOST}:4573/ivr)
                """));

        assertThat(AsteriskConfigurationRules.serviceNumberProblems(wrongScript, "from-operator", "1919", "ivr"))
                .containsExactly("extensions.conf: 1919 in [from-operator] does not reach the ivr script");
        assertThat(AsteriskConfigurationRules.serviceNumberProblems(agiBeforeAnswer, "from-operator", "1919", "ivr"))
                .containsExactly("extensions.conf: 1919 in [from-operator] runs the ivr script before Answer");
        assertThat(AsteriskConfigurationRules.serviceNumberProblems(viaGoto, "from-operator", "1919", "ivr")).isEmpty();
        assertThat(AsteriskConfigurationRules.serviceNumberProblems(viaGoto, "from-operator", "2000", "ivr"))
                .containsExactly("extensions.conf: 2000 has no extension in [from-operator]");
    }

    @Test
    void anAmiUserWithTooManyOrTooFewRightsIsReported() {
        AsteriskConfig allRights = AsteriskConfigParser.parse("manager.conf", """
                [general]
                enabled = yes
                [griot]
                deny = 0.0.0.0/0.0.0.0
                permit = 172.30.10.0/255.255.255.0
                read = all
                write = all,command
                """);
        AsteriskConfig noOriginateNoAcl = AsteriskConfigParser.parse("manager.conf", """
                [general]
                enabled = yes
                [griot]
                read = call
                write = call,reporting,system
                """);

        assertThat(AsteriskConfigurationRules.managerProblems(allRights)).contains(
                "manager.conf: [griot] write grants 'all', more than Griot needs [call, originate, reporting, system]",
                "manager.conf: [griot] write grants 'command', more than Griot needs [call, originate, reporting, system]",
                "manager.conf: [griot] read grants 'all', more than Griot needs [agi, call, dtmf, system]");
        assertThat(AsteriskConfigurationRules.managerProblems(noOriginateNoAcl)).containsExactlyInAnyOrder(
                "manager.conf: [griot] cannot send Originate (needs one of [originate] in write)",
                "manager.conf: [griot] has no deny/permit ACL");
        assertThat(AsteriskConfigurationRules.managerProblems(AsteriskConfigParser.parse("manager.conf", "[general]\n")))
                .containsExactly("manager.conf: no [griot] user");
    }

    @Test
    void aModuleTheDialplanNeedsButModulesConfSkipsIsReported() {
        String withoutChanSpyAndSpeech = configText("modules.conf").replace("load = app_chanspy.so", "")
                .replace("load = res_speech.so", "");
        Dialplan usesMixMonitor = new Dialplan(AsteriskConfigParser.parse("extensions.conf", """
                [griot-connect]
                exten => _X.,1,MixMonitor(${UNIQUEID}.wav,b)
                 same => n,ChanSpy(PJSIP/1001-,q)
                 same => n,Frobnicate()
                """));

        assertThat(AsteriskConfigurationRules.moduleProblems(
                AsteriskConfigParser.parse("modules.conf", withoutChanSpyAndSpeech), usesMixMonitor))
                .containsExactlyInAnyOrder(
                        "extensions.conf [griot-connect] _X.: no known module for application Frobnicate (add it to AsteriskConfigurationRules)",
                        "modules.conf: app_chanspy.so is not loaded but the dialplan needs it",
                        "modules.conf: res_agi.so requires res_speech.so, not loaded");
    }

    @Test
    void aPjsipWithoutTrunkIdentifiedByIpOrWithoutPhoneAuthIsReported() {
        AsteriskConfig broken = AsteriskConfigParser.parse("pjsip.conf", """
                [operator-trunk]
                type = endpoint
                context = from-operator
                [operator-trunk]
                type = identify
                endpoint = operator-trunk
                match = sbc.operator.example
                [phone](!)
                type = endpoint
                context = griot-agents
                [1001](phone)
                aors = 1001
                [1001]
                type = aor
                """);

        assertThat(AsteriskConfigurationRules.pjsipProblems(broken)).containsExactlyInAnyOrder(
                "pjsip.conf: no trunk endpoint in from-operator identified by IP (type=identify with match=<address>)",
                "pjsip.conf: no endpoint [mediant-gateway] (griot-outbound dials through it)",
                "pjsip.conf: no endpoint [staging-test] in from-staging",
                "pjsip.conf: agent endpoint [1001] has no auth section with a username");
    }

    @Test
    void unparseableLinesAndCommittedSecretsAreReported() {
        AsteriskConfig broken = AsteriskConfigParser.parse("manager.conf", """
                orphan = before any section
                [griot](!,tpl one)
                secret = hunter2 ; a real secret
                this line means nothing
                ;-- a block
                comment --;
                permit = 10.0.0.0/8 \\; still the value
                """);

        assertThat(broken.unparsedLines()).containsExactly(
                "manager.conf:1: entry outside any section: orphan = before any section",
                "manager.conf:2: bad section options: [griot](!,tpl one)",
                "manager.conf:4: this line means nothing");
        assertThat(broken.sections().get(0).value("permit")).contains("10.0.0.0/8 ; still the value");
        assertThat(AsteriskConfigurationRules.committedSecrets(broken)).containsExactly(
                "manager.conf:3: committed secret in [griot]");
    }

    private static List<String> scriptsReached(String context, String exten) {
        return dialplan.reachableSteps(context, exten).stream().map(AsteriskConfigurationRules::calledScript)
                .flatMap(Optional::stream).toList();
    }

    private static String configText(String fileName) {
        try {
            return Files.readString(ASTERISK_DIRECTORY.resolve(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
