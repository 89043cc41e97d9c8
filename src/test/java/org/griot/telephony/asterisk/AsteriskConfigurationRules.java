package org.griot.telephony.asterisk;

import static java.util.Map.entry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Griot needs from docker/asterisk/, as checks that return the problems they find (empty = fine),
 * so that a test can run them on the shipped files and on deliberately broken copies.
 */
final class AsteriskConfigurationRules {

    static final Pattern AGI_CALL = Pattern.compile("agi://[^/\\s]+:(\\d+)/([A-Za-z0-9_-]+)");

    /**
     * The AMI actions Griot sends and the classes Asterisk 22 registers each one with (manager.c,
     * features.c, app_mixmonitor.c): a user may run an action when it holds any one of them.
     */
    static final Map<String, Set<String>> ACTION_CLASSES = Map.ofEntries(
            entry("Login", Set.of()), entry("Challenge", Set.of()), entry("Logoff", Set.of()),
            entry("Events", Set.of()), entry("Ping", Set.of()),
            entry("CoreShowChannels", Set.of("system", "reporting")),
            entry("CoreSettings", Set.of("system", "reporting")),
            entry("Status", Set.of("system", "call", "reporting")),
            entry("Originate", Set.of("originate")),
            entry("Redirect", Set.of("call")),
            entry("Bridge", Set.of("call")),
            entry("Hangup", Set.of("system", "call")),
            entry("Getvar", Set.of("call", "reporting")),
            entry("Setvar", Set.of("call")),
            entry("MixMonitor", Set.of("system")),
            entry("StopMixMonitor", Set.of("system", "call")),
            entry("MixMonitorMute", Set.of("system", "call")));

    /**
     * The most Griot's AMI user may hold. "system" only because the MixMonitor action is registered with
     * nothing else (its Command parameter runs a shell command); never "all", "command" or "config".
     */
    static final Set<String> ALLOWED_WRITE_CLASSES = Set.of("call", "originate", "reporting", "system");
    /** Events Griot listens to: channels and calls, FastAGI traces, DTMF on hold, Asterisk restarts. */
    static final Set<String> ALLOWED_READ_CLASSES = Set.of("system", "call", "agi", "dtmf");

    /** Dialplan applications built into the core (pbx_builtins.c): no module to load. */
    static final Set<String> CORE_APPLICATIONS = Set.of("Answer", "Hangup", "NoOp", "Set", "Goto", "GotoIf", "Wait",
            "WaitExten", "BackGround", "Busy", "Congestion", "Progress", "Ringing", "SetAMAFlags", "ExecIfTime",
            "GotoIfTime", "ImportVar", "Incomplete", "SayNumber", "SayDigits", "SayAlpha", "SayPhonetic");

    /** Which module provides each dialplan application Griot's dialplan may use. */
    static final Map<String, String> APPLICATION_MODULES = Map.ofEntries(
            entry("AGI", "res_agi"), entry("EAGI", "res_agi"),
            entry("Dial", "app_dial"),
            entry("ChanSpy", "app_chanspy"), entry("ExtenSpy", "app_chanspy"),
            entry("MixMonitor", "app_mixmonitor"), entry("StopMixMonitor", "app_mixmonitor"),
            entry("MusicOnHold", "res_musiconhold"), entry("StartMusicOnHold", "res_musiconhold"),
            entry("StopMusicOnHold", "res_musiconhold"),
            entry("Playback", "app_playback"), entry("Echo", "app_echo"),
            entry("Queue", "app_queue"), entry("Record", "app_record"),
            entry("Gosub", "app_stack"), entry("Return", "app_stack"),
            entry("ExecIf", "app_exec"), entry("Exec", "app_exec"),
            entry("UserEvent", "app_userevent"), entry("Verbose", "app_verbose"), entry("Log", "app_verbose"));

    /** Which module provides each dialplan function (${NAME(...)}). */
    static final Map<String, String> FUNCTION_MODULES = Map.ofEntries(
            entry("CALLERID", "func_callerid"), entry("CONNECTEDLINE", "func_callerid"),
            entry("CHANNEL", "func_channel"), entry("LEN", "func_strings"), entry("IF", "func_logic"),
            entry("ISNULL", "func_logic"), entry("EXISTS", "func_logic"), entry("HANGUPCAUSE", "func_hangupcause"),
            entry("PJSIP_HEADER", "res_pjsip_header_funcs"), entry("TIMEOUT", "func_timeout"));

    /** Modules that refuse to load without others (their AST_MODULE_INFO .requires, or symbols they use). */
    static final Map<String, List<String>> MODULE_REQUIREMENTS = Map.ofEntries(
            entry("res_pjsip", List.of("res_pjproject", "res_sorcery_config", "res_sorcery_memory", "res_sorcery_astdb")),
            entry("chan_pjsip", List.of("res_pjsip", "res_pjsip_session", "res_pjsip_pubsub")),
            entry("res_pjsip_registrar", List.of("res_pjproject", "res_pjsip")),
            entry("res_pjsip_sdp_rtp", List.of("res_pjsip", "res_pjsip_session", "res_rtp_asterisk")),
            entry("res_agi", List.of("res_speech")));

    // ${NAME(...)} where a function is read, or NAME(...)= at the start of Set's argument where one is written.
    private static final Pattern FUNCTION_CALL = Pattern.compile("(?:\\$\\{|^)([A-Z][A-Z0-9_]*)\\(");
    private static final Pattern IPV4_OR_CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?");

    private AsteriskConfigurationRules() {
    }

    /** Every context Griot redirects or originates into exists. */
    static List<String> missingContexts(Dialplan dialplan) {
        return AsteriskContract.CONTEXTS.stream().filter(context -> !dialplan.contextNames().contains(context))
                .map(context -> "extensions.conf: context [" + context + "] is missing").toList();
    }

    /** Every FastAGI script is called somewhere, on Griot's port, and no other script is called. */
    static List<String> uncalledScripts(Dialplan dialplan) {
        Set<String> called = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Dialplan.Step step : dialplan.allSteps()) {
            if (!step.application().equalsIgnoreCase("AGI")) {
                continue;
            }
            Matcher call = AGI_CALL.matcher(step.arguments());
            if (!call.find()) {
                problems.add("extensions.conf [" + step.context() + "] " + step.exten() + ": AGI is not a FastAGI URL: "
                        + step.arguments());
            } else if (Integer.parseInt(call.group(1)) != AsteriskContract.AGI_PORT) {
                problems.add("extensions.conf [" + step.context() + "] " + step.exten() + ": AGI on port " + call.group(1)
                        + " instead of " + AsteriskContract.AGI_PORT);
            } else {
                called.add(call.group(2));
                if (!AsteriskContract.SCRIPTS.contains(call.group(2))) {
                    problems.add("extensions.conf [" + step.context() + "] " + step.exten() + ": AGI script '" + call.group(2)
                            + "' is not one Griot serves " + AsteriskContract.SCRIPTS);
                }
            }
        }
        AsteriskContract.SCRIPTS.stream().filter(script -> !called.contains(script))
                .forEach(script -> problems.add("extensions.conf: no AGI(agi://...:" + AsteriskContract.AGI_PORT + "/" + script
                        + ") calls the " + script + " script"));
        return problems;
    }

    /** A service number dialled in a context answers and reaches the expected script. */
    static List<String> serviceNumberProblems(Dialplan dialplan, String context, String number, String script) {
        if (dialplan.extensionFor(context, number).isEmpty()) {
            return List.of("extensions.conf: " + number + " has no extension in [" + context + "]");
        }
        List<Dialplan.Step> steps = dialplan.reachableSteps(context, number);
        int answer = indexOf(steps, step -> step.application().equalsIgnoreCase("Answer"));
        int agi = indexOf(steps, step -> step.application().equalsIgnoreCase("AGI") && calledScript(step).equals(Optional.of(script)));
        List<String> problems = new ArrayList<>();
        if (agi < 0) {
            problems.add("extensions.conf: " + number + " in [" + context + "] does not reach the " + script + " script");
        } else if (answer < 0 || answer > agi) {
            problems.add("extensions.conf: " + number + " in [" + context + "] runs the " + script + " script before Answer");
        }
        return problems;
    }

    /** The script named by an AGI step, e.g. "ivr" for agi://griot:4573/ivr?env=staging. */
    static Optional<String> calledScript(Dialplan.Step step) {
        Matcher call = AGI_CALL.matcher(step.arguments());
        return call.find() ? Optional.of(call.group(2)) : Optional.empty();
    }

    /** Griot's AMI user exists, holds enough for every action Griot sends and nothing more, behind an ACL. */
    static List<String> managerProblems(AsteriskConfig manager) {
        Optional<AsteriskConfig.ConfigSection> user = manager.firstSectionNamed(AsteriskContract.AMI_USER);
        if (user.isEmpty()) {
            return List.of("manager.conf: no [" + AsteriskContract.AMI_USER + "] user");
        }
        List<String> problems = new ArrayList<>();
        Set<String> write = classes(user.get().values("write"));
        Set<String> read = classes(user.get().values("read"));
        problems.addAll(excessClasses("write", write, ALLOWED_WRITE_CLASSES));
        problems.addAll(excessClasses("read", read, ALLOWED_READ_CLASSES));
        ACTION_CLASSES.forEach((action, needed) -> {
            if (!needed.isEmpty() && !write.contains("all") && needed.stream().noneMatch(write::contains)) {
                problems.add("manager.conf: [" + AsteriskContract.AMI_USER + "] cannot send " + action + " (needs one of "
                        + new TreeSet<>(needed) + " in write)");
            }
        });
        if (!read.contains("call")) {
            problems.add("manager.conf: [" + AsteriskContract.AMI_USER + "] does not read call events");
        }
        if (user.get().values("deny").isEmpty() || user.get().values("permit").isEmpty()) {
            problems.add("manager.conf: [" + AsteriskContract.AMI_USER + "] has no deny/permit ACL");
        }
        user.get().values("permit").stream().filter(permit -> permit.startsWith("0.0.0.0"))
                .forEach(permit -> problems.add("manager.conf: [" + AsteriskContract.AMI_USER + "] permits everyone: " + permit));
        Optional<AsteriskConfig.ConfigSection> general = manager.firstSectionNamed("general");
        if (general.flatMap(section -> section.value("enabled")).filter("yes"::equalsIgnoreCase).isEmpty()) {
            problems.add("manager.conf: AMI is not enabled in [general]");
        }
        return problems;
    }

    private static Set<String> classes(List<String> values) {
        return values.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::strip)
                .map(String::toLowerCase).filter(value -> !value.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> excessClasses(String direction, Set<String> granted, Set<String> allowed) {
        return granted.stream().filter(grantedClass -> !allowed.contains(grantedClass))
                .map(extra -> "manager.conf: [" + AsteriskContract.AMI_USER + "] " + direction + " grants '" + extra
                        + "', more than Griot needs " + new TreeSet<>(allowed))
                .toList();
    }

    /** modules.conf loads explicitly (autoload=no) every module the dialplan's applications and functions need. */
    static List<String> moduleProblems(AsteriskConfig modules, Dialplan dialplan) {
        Optional<AsteriskConfig.ConfigSection> section = modules.firstSectionNamed("modules");
        if (section.isEmpty()) {
            return List.of("modules.conf: no [modules] section");
        }
        List<String> problems = new ArrayList<>();
        if (!section.get().value("autoload").map("no"::equalsIgnoreCase).orElse(false)) {
            problems.add("modules.conf: autoload is not 'no' (Griot loads only the modules it lists)");
        }
        Set<String> loaded = section.get().entries().stream()
                .filter(entry -> Set.of("load", "preload", "require", "preload-require").contains(entry.key().toLowerCase()))
                .map(entry -> entry.value().replaceFirst("\\.so$", "")).collect(Collectors.toSet());
        Set<String> needed = new LinkedHashSet<>();
        needed.add("pbx_config");
        for (Dialplan.Step step : dialplan.allSteps()) {
            String application = step.application();
            String where = "[" + step.context() + "] " + step.exten();
            if (APPLICATION_MODULES.containsKey(application)) {
                needed.add(APPLICATION_MODULES.get(application));
            } else if (!CORE_APPLICATIONS.contains(application)) {
                problems.add("extensions.conf " + where + ": no known module for application " + application
                        + " (add it to AsteriskConfigurationRules)");
            }
            Matcher function = FUNCTION_CALL.matcher(step.arguments());
            while (function.find()) {
                String module = FUNCTION_MODULES.get(function.group(1));
                if (module == null) {
                    problems.add("extensions.conf " + where + ": no known module for function " + function.group(1)
                            + " (add it to AsteriskConfigurationRules)");
                } else {
                    needed.add(module);
                }
            }
            if (step.arguments().contains("PJSIP/")) {
                needed.add("chan_pjsip");
            }
        }
        needed.stream().filter(module -> !loaded.contains(module))
                .forEach(module -> problems.add("modules.conf: " + module + ".so is not loaded but the dialplan needs it"));
        for (String module : loaded) {
            List<String> requirements = new ArrayList<>(MODULE_REQUIREMENTS.getOrDefault(module, List.of()));
            if (module.startsWith("res_pjsip_")) {
                requirements.add("res_pjsip");
            }
            requirements.stream().filter(required -> !loaded.contains(required))
                    .forEach(required -> problems.add("modules.conf: " + module + ".so requires " + required + ".so, not loaded"));
        }
        return problems;
    }

    /**
     * pjsip.conf: an operator trunk identified by IP into from-operator, a staging endpoint into
     * from-staging, and desk phones in griot-agents that authenticate and register.
     */
    static List<String> pjsipProblems(AsteriskConfig pjsip) {
        List<String> problems = new ArrayList<>();
        Map<String, AsteriskConfig.ConfigSection> endpoints = pjsip.sectionsOfType("endpoint").stream()
                .collect(Collectors.toMap(AsteriskConfig.ConfigSection::name, section -> section, (first, second) -> first));
        boolean trunkIdentifiedByIp = false;
        for (AsteriskConfig.ConfigSection identify : pjsip.sectionsOfType("identify")) {
            String endpointName = pjsip.effectiveValue(identify, "endpoint").orElse("");
            AsteriskConfig.ConfigSection endpoint = endpoints.get(endpointName);
            List<String> matches = pjsip.effectiveValues(identify, "match").stream()
                    .flatMap(match -> Arrays.stream(match.split(","))).map(String::strip).toList();
            if (endpoint == null) {
                problems.add("pjsip.conf: identify [" + identify.name() + "] names no endpoint: '" + endpointName + "'");
                continue;
            }
            if (!matches.isEmpty() && matches.stream().allMatch(match -> IPV4_OR_CIDR.matcher(match).matches())
                    && pjsip.effectiveValue(endpoint, "context").equals(Optional.of(AsteriskContract.CONTEXT_FROM_OPERATOR))) {
                trunkIdentifiedByIp = true;
            }
        }
        if (!trunkIdentifiedByIp) {
            problems.add("pjsip.conf: no trunk endpoint in " + AsteriskContract.CONTEXT_FROM_OPERATOR
                    + " identified by IP (type=identify with match=<address>)");
        }
        for (String trunk : List.of(AsteriskContract.ENDPOINT_OPERATOR_TRUNK, AsteriskContract.ENDPOINT_MEDIANT_GATEWAY)) {
            if (!endpoints.containsKey(trunk)) {
                problems.add("pjsip.conf: no endpoint [" + trunk + "] (griot-outbound dials through it)");
            }
        }
        AsteriskConfig.ConfigSection staging = endpoints.get(AsteriskContract.ENDPOINT_STAGING_TEST);
        if (staging == null || !pjsip.effectiveValue(staging, "context").equals(Optional.of(AsteriskContract.CONTEXT_FROM_STAGING))) {
            problems.add("pjsip.conf: no endpoint [" + AsteriskContract.ENDPOINT_STAGING_TEST + "] in "
                    + AsteriskContract.CONTEXT_FROM_STAGING);
        }
        List<AsteriskConfig.ConfigSection> phones = endpoints.values().stream()
                .filter(endpoint -> pjsip.effectiveValue(endpoint, "context").equals(Optional.of(AsteriskContract.CONTEXT_AGENTS)))
                .toList();
        if (phones.isEmpty()) {
            problems.add("pjsip.conf: no agent endpoint in " + AsteriskContract.CONTEXT_AGENTS);
        }
        Set<String> auths = pjsip.sectionsOfType("auth").stream()
                .filter(auth -> pjsip.effectiveValue(auth, "username").isPresent())
                .map(AsteriskConfig.ConfigSection::name).collect(Collectors.toSet());
        Set<String> aors = pjsip.sectionsOfType("aor").stream().map(AsteriskConfig.ConfigSection::name).collect(Collectors.toSet());
        for (AsteriskConfig.ConfigSection phone : phones) {
            Optional<String> auth = pjsip.effectiveValue(phone, "auth");
            if (auth.isEmpty() || !auths.contains(auth.get())) {
                problems.add("pjsip.conf: agent endpoint [" + phone.name() + "] has no auth section with a username");
            }
            Optional<String> aor = pjsip.effectiveValue(phone, "aors");
            if (aor.isEmpty() || !aors.contains(aor.get())) {
                problems.add("pjsip.conf: agent endpoint [" + phone.name() + "] has no aor to register to");
            }
        }
        return problems;
    }

    /** No password or AMI secret is committed: they come from .env at container start. */
    static List<String> committedSecrets(AsteriskConfig config) {
        List<String> problems = new ArrayList<>();
        for (AsteriskConfig.ConfigSection section : config.sections()) {
            for (AsteriskConfig.ConfigEntry entry : section.entries()) {
                if (Set.of("password", "secret", "md5_cred", "password_digest").contains(entry.key().toLowerCase())
                        && !entry.value().isBlank()) {
                    problems.add(config.fileName() + ":" + entry.lineNumber() + ": committed " + entry.key() + " in ["
                            + section.name() + "]");
                }
            }
        }
        return problems;
    }

    private static int indexOf(List<Dialplan.Step> steps, Predicate<Dialplan.Step> test) {
        for (int i = 0; i < steps.size(); i++) {
            if (test.test(steps.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
