package org.griot.telephony.asterisk;

import static java.util.Map.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Asterisk 22 module serves each thing Griot asks of Asterisk: a FastAGI command line as sent on
 * the wire, a dialplan function inside SET/GET VARIABLE, an AMI action. Each lookup returns the modules
 * needed, or a problem when the thing is unknown here (so a new command cannot slip past the check).
 */
final class AsteriskModuleNeeds {

    /** A set of modules, or why none could be named. */
    record Need(Set<String> modules, Optional<String> problem) {
        static Need of(String... modules) {
            return new Need(Set.of(modules), Optional.empty());
        }

        static Need unknown(String problem) {
            return new Need(Set.of(), Optional.of(problem));
        }
    }

    /** The core sounds Griot plays (SAY NUMBER/DIGITS, silence/1 of GET DATA) are GSM and A-law files. */
    static final Set<String> CORE_SOUND_FORMATS = Set.of("format_gsm", "format_pcm");
    /** Griot's own prompts and recordings are WAV (prompts/, RECORD FILE ... wav). */
    static final String PROMPT_FORMAT = "format_wav";

    /** FastAGI commands (res/res_agi.c) and what they play or record besides res_agi itself. */
    static final Map<String, Set<String>> AGI_COMMANDS = Map.ofEntries(
            entry("ANSWER", Set.of()), entry("HANGUP", Set.of()), entry("CHANNEL STATUS", Set.of()),
            entry("SET VARIABLE", Set.of()), entry("GET VARIABLE", Set.of()), entry("GET FULL VARIABLE", Set.of()),
            entry("WAIT FOR DIGIT", Set.of()), entry("VERBOSE", Set.of()), entry("NOOP", Set.of()),
            entry("STREAM FILE", Set.of(PROMPT_FORMAT, "format_gsm", "format_pcm")),
            entry("CONTROL STREAM FILE", Set.of(PROMPT_FORMAT, "format_gsm", "format_pcm")),
            entry("GET DATA", Set.of(PROMPT_FORMAT, "format_gsm", "format_pcm")),
            entry("GET OPTION", Set.of(PROMPT_FORMAT, "format_gsm", "format_pcm")),
            entry("SAY NUMBER", CORE_SOUND_FORMATS), entry("SAY DIGITS", CORE_SOUND_FORMATS),
            entry("SAY ALPHA", CORE_SOUND_FORMATS), entry("SAY PHONETIC", CORE_SOUND_FORMATS),
            entry("SET MUSIC", Set.of("res_musiconhold")),
            entry("RECORD FILE", Set.of()), entry("EXEC", Set.of()));

    /** Recording formats of RECORD FILE &lt;file&gt; &lt;format&gt; and the module writing each one. */
    static final Map<String, String> FILE_FORMATS = Map.of("wav", "format_wav", "WAV", "format_wav", "gsm", "format_gsm",
            "alaw", "format_pcm", "ulaw", "format_pcm", "g722", "format_pcm", "sln", "format_sln");

    /**
     * AMI actions and their module: those of main/manager.c, main/manager_channels.c, main/bridge.c and
     * main/features.c are core (none); the MixMonitor family is app_mixmonitor's.
     */
    static final Map<String, Set<String>> AMI_ACTIONS = Map.ofEntries(
            entry("Login", Set.of()), entry("Challenge", Set.of()), entry("Logoff", Set.of()), entry("Events", Set.of()),
            entry("Ping", Set.of()), entry("CoreSettings", Set.of()), entry("CoreStatus", Set.of()),
            entry("CoreShowChannels", Set.of()), entry("Status", Set.of()), entry("Originate", Set.of()),
            entry("Redirect", Set.of()), entry("Hangup", Set.of()), entry("Setvar", Set.of()), entry("Getvar", Set.of()),
            entry("Bridge", Set.of()),
            entry("MixMonitor", Set.of("app_mixmonitor")), entry("StopMixMonitor", Set.of("app_mixmonitor")),
            entry("MixMonitorMute", Set.of("app_mixmonitor")));

    /** Channel technologies in Originate/Dial strings: Local is core, PJSIP is chan_pjsip. */
    static final Map<String, Set<String>> CHANNEL_TECHNOLOGIES = Map.of("Local", Set.of(), "PJSIP", Set.of("chan_pjsip"));

    private static final Pattern VARIABLE_FUNCTION = Pattern.compile("^(?:SET|GET(?: FULL)?) VARIABLE \"?([A-Z][A-Z0-9_]*)\\(");

    private AsteriskModuleNeeds() {
    }

    /** The modules one FastAGI command line needs (as Griot writes it, e.g. SET VARIABLE "CHANNEL(language)" "fr"). */
    static Need ofAgiLine(String line) {
        String verb = AGI_COMMANDS.keySet().stream().filter(name -> line.equals(name) || line.startsWith(name + " "))
                .max((a, b) -> Integer.compare(a.length(), b.length())).orElse(null);
        if (verb == null) {
            return Need.unknown("FastAGI command '" + line + "': no known module (add it to AsteriskModuleNeeds)");
        }
        List<String> modules = new ArrayList<>(AGI_COMMANDS.get(verb));
        modules.add("res_agi");
        List<String> arguments = arguments(line.substring(verb.length()));
        if (verb.equals("RECORD FILE")) {
            String format = arguments.size() > 1 ? arguments.get(1) : "";
            if (!FILE_FORMATS.containsKey(format)) {
                return Need.unknown("RECORD FILE in format '" + format + "': no known format module");
            }
            modules.add(FILE_FORMATS.get(format));
        }
        if (verb.equals("EXEC")) {
            String application = arguments.isEmpty() ? "" : arguments.get(0);
            String module = AsteriskConfigurationRules.APPLICATION_MODULES.get(application);
            if (module == null && !AsteriskConfigurationRules.CORE_APPLICATIONS.contains(application)) {
                return Need.unknown("EXEC " + application + ": no known module for that application");
            }
            if (module != null) {
                modules.add(module);
            }
        }
        Matcher function = VARIABLE_FUNCTION.matcher(line);
        if (function.find()) {
            String module = AsteriskConfigurationRules.FUNCTION_MODULES.get(function.group(1));
            if (module == null) {
                return Need.unknown("'" + line + "': no known module for function " + function.group(1));
            }
            modules.add(module);
        }
        return Need.of(modules.toArray(String[]::new));
    }

    static Need ofAmiAction(String action) {
        Set<String> modules = AMI_ACTIONS.get(action);
        return modules == null ? Need.unknown("AMI action " + action + ": no known module (add it to AsteriskModuleNeeds)")
                : new Need(modules, Optional.empty());
    }

    static Need ofChannelTechnology(String technology) {
        Set<String> modules = CHANNEL_TECHNOLOGIES.get(technology);
        return modules == null ? Need.unknown("channel technology " + technology + "/: no known module")
                : new Need(modules, Optional.empty());
    }

    /** AGI arguments: quoted ("a b") or bare, separated by spaces. */
    static List<String> arguments(String text) {
        List<String> arguments = new ArrayList<>();
        Matcher matcher = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)").matcher(text);
        while (matcher.find()) {
            arguments.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return arguments;
    }
}
