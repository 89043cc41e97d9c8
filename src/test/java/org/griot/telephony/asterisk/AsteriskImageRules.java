package org.griot.telephony.asterisk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of the Asterisk image (modules.conf against Asterisk 22's module list, core sounds of the
 * Dockerfile, hold-music folders) that return the problems they find, so a test can also run them on
 * broken copies.
 */
final class AsteriskImageRules {

    private static final Set<String> LOAD_KEYS = Set.of("load", "preload", "require", "preload-require");
    private static final Pattern CORE_SOUNDS = Pattern.compile("--enable CORE-SOUNDS-([A-Z_]+)-([A-Z0-9]+)");
    /** The menuselect sound formats and the module that plays each. */
    private static final Map<String, String> SOUND_FORMAT_MODULES = Map.of("GSM", "format_gsm", "ALAW", "format_pcm",
            "ULAW", "format_pcm", "G722", "format_pcm", "WAV", "format_wav", "SLN16", "format_sln");
    private static final Map<String, String> LANGUAGE_NAMES = Map.of("fr", "French", "en", "English");
    private static final String SOUNDS = "/var/lib/asterisk/sounds/";
    private static final String GRIOT_SOUNDS = SOUNDS + "griot/";

    private AsteriskImageRules() {
    }

    /** Module names (without .so) that modules.conf loads. */
    static Set<String> loadedModules(AsteriskConfig modules) {
        Set<String> loaded = new TreeSet<>();
        modules.firstSectionNamed("modules").ifPresent(section -> section.entries().stream()
                .filter(entry -> LOAD_KEYS.contains(entry.key().toLowerCase()))
                .forEach(entry -> loaded.add(entry.value().replaceFirst("\\.so$", ""))));
        return loaded;
    }

    /** Modules loaded that Asterisk 22 does not have (each one is an ERROR at every start). */
    static List<String> unknownModules(AsteriskConfig modules, Set<String> asterisk22) {
        List<String> problems = new ArrayList<>();
        for (String module : loadedModules(modules)) {
            if (!asterisk22.contains(module + ".so")) {
                problems.add("modules.conf: " + module + ".so does not exist in Asterisk 22");
            }
        }
        return problems;
    }

    static List<String> notLoaded(Set<String> needed, Set<String> loaded, String byWhom) {
        return needed.stream().filter(module -> !loaded.contains(module))
                .map(module -> "modules.conf: " + module + ".so is not loaded but " + byWhom + " needs it").toList();
    }

    /** "lang/FORMAT" for every core sound package the Dockerfile enables. */
    static Set<String> coreSounds(String dockerfile) {
        Set<String> sounds = new TreeSet<>();
        Matcher matcher = CORE_SOUNDS.matcher(dockerfile);
        while (matcher.find()) {
            sounds.add(matcher.group(1).toLowerCase().replace('_', '-') + "/" + matcher.group(2));
        }
        return sounds;
    }

    /** French and English core sounds, in formats whose modules are loaded, and the phones' languages covered. */
    static List<String> soundProblems(String dockerfile, Set<String> loaded, Set<String> phoneLanguages) {
        List<String> problems = new ArrayList<>();
        Set<String> sounds = coreSounds(dockerfile);
        Set<String> languages = new TreeSet<>();
        for (String sound : sounds) {
            String language = sound.substring(0, sound.indexOf('/'));
            String format = sound.substring(sound.indexOf('/') + 1);
            languages.add(language);
            String module = SOUND_FORMAT_MODULES.get(format);
            if (module == null) {
                problems.add("Dockerfile: core sounds in " + format + ": no known format module");
            } else if (!loaded.contains(module)) {
                problems.add("Dockerfile: core sounds in " + format + " need " + module + ".so, not loaded");
            }
        }
        LANGUAGE_NAMES.forEach((language, name) -> {
            if (!languages.contains(language)) {
                problems.add("Dockerfile: no " + name + " (" + language + ") core sounds (menuselect --enable CORE-SOUNDS-"
                        + language.toUpperCase() + "-<format>)");
            }
        });
        phoneLanguages.stream().filter(language -> !languages.contains(language))
                .forEach(language -> problems.add("Dockerfile: no " + language + " core sounds for the phones' language "
                        + language));
        if (!dockerfile.contains("for lang in fr en") || !dockerfile.contains("sounds/$lang/$sound")) {
            problems.add("Dockerfile: the build does not check that the French and English core sounds arrived");
        }
        return problems;
    }

    /**
     * Every files-mode music class reads a folder the image has: Asterisk's stock "moh" (checked by the
     * build), a folder the Dockerfile creates, or one under sounds/griot that exists in prompts/ (mounted
     * there by compose, which hides what the image holds at that path).
     */
    static List<String> musicFolderProblems(AsteriskConfig musiconhold, String dockerfile, Path prompts) {
        List<String> problems = new ArrayList<>();
        for (AsteriskConfig.ConfigSection section : musiconhold.sections()) {
            if (section.name().equals("general") || !section.value("mode").map("files"::equals).orElse(false)) {
                continue;
            }
            String directory = section.value("directory").orElse("");
            if (directory.equals("moh") || directory.equals("/var/lib/asterisk/moh")) {
                if (!dockerfile.contains("/var/lib/asterisk/moh/*.wav")) {
                    problems.add("musiconhold.conf [" + section.name() + "]: the build does not check the stock music");
                }
                continue;
            }
            boolean created = dockerfile.contains("mkdir -p " + directory + " ") || dockerfile.contains("mkdir -p " + directory + "\n");
            boolean mounted = directory.startsWith(GRIOT_SOUNDS)
                    && Files.isDirectory(prompts.resolve(directory.substring(GRIOT_SOUNDS.length())));
            if (!(created && (mounted || !directory.startsWith(GRIOT_SOUNDS)))) {
                problems.add("musiconhold.conf [" + section.name() + "]: " + directory + " is neither created by the "
                        + "Dockerfile nor in prompts/ (mounted at sounds/griot)");
            }
        }
        return problems;
    }
}
