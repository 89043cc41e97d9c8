package org.griot.telephony.asterisk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dialplan of an extensions.conf: contexts of extensions, each a list of steps (priority,
 * application, arguments), built from {@code exten =>} and {@code same =>} lines. Knows Asterisk's
 * extension patterns (_X., _19XX, [1-5]) and follows literal Goto/GotoIf targets, so a check can ask
 * what a dialled number ends up running.
 */
final class Dialplan {

    /** Sections of extensions.conf that are settings, not contexts. */
    private static final Set<String> NOT_CONTEXTS = Set.of("general", "globals");
    private static final Pattern APPLICATION = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)(?:\\((.*)\\))?", Pattern.DOTALL);
    private static final Pattern PRIORITY = Pattern.compile("(\\d+|n|hint)(?:\\(([A-Za-z0-9_-]+)\\))?");

    private final Map<String, Map<String, List<Step>>> contexts = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    Dialplan(AsteriskConfig extensions) {
        for (AsteriskConfig.ConfigSection section : extensions.sections()) {
            if (NOT_CONTEXTS.contains(section.name())) {
                continue;
            }
            Map<String, List<Step>> extensionsOfContext = contexts.computeIfAbsent(section.name(), name -> new LinkedHashMap<>());
            String currentExten = null;
            for (AsteriskConfig.ConfigEntry entry : section.entries()) {
                String where = extensions.fileName() + ":" + entry.lineNumber() + " [" + section.name() + "] ";
                switch (entry.key().toLowerCase()) {
                    case "exten" -> {
                        String[] parts = entry.value().split(",", 3);
                        if (parts.length < 3) {
                            problems.add(where + "exten needs pattern,priority,application: " + entry.value());
                            continue;
                        }
                        currentExten = parts[0].strip();
                        addStep(extensionsOfContext, section.name(), currentExten, parts[1], parts[2], where);
                    }
                    case "same" -> {
                        String[] parts = entry.value().split(",", 2);
                        if (currentExten == null || parts.length < 2) {
                            problems.add(where + "same => without a preceding exten or application: " + entry.value());
                            continue;
                        }
                        addStep(extensionsOfContext, section.name(), currentExten, parts[0], parts[1], where);
                    }
                    case "include", "switch", "ignorepat" -> {
                        // valid dialplan lines; Griot's contexts do not use them
                    }
                    default -> problems.add(where + "not a dialplan line: " + entry.key() + " => " + entry.value());
                }
            }
        }
    }

    private void addStep(Map<String, List<Step>> extensionsOfContext, String context, String exten, String priority,
            String application, String where) {
        Matcher priorityMatcher = PRIORITY.matcher(priority.strip());
        Matcher applicationMatcher = APPLICATION.matcher(application.strip());
        if (!priorityMatcher.matches() || !applicationMatcher.matches()) {
            problems.add(where + "cannot read priority/application: " + priority + "," + application);
            return;
        }
        String arguments = applicationMatcher.group(2) == null ? "" : applicationMatcher.group(2);
        extensionsOfContext.computeIfAbsent(exten, name -> new ArrayList<>()).add(new Step(context, exten,
                priorityMatcher.group(1), priorityMatcher.group(2), applicationMatcher.group(1), arguments));
    }

    Set<String> contextNames() {
        return contexts.keySet();
    }

    List<String> problems() {
        return problems;
    }

    List<Step> allSteps() {
        return contexts.values().stream().flatMap(extensions -> extensions.values().stream()).flatMap(List::stream).toList();
    }

    /** The extension a dialled number runs in a context: an exact match first, else the first matching pattern. */
    Optional<String> extensionFor(String context, String dialled) {
        Map<String, List<Step>> extensions = contexts.getOrDefault(context, Map.of());
        if (extensions.containsKey(dialled)) {
            return Optional.of(dialled);
        }
        return extensions.keySet().stream().filter(exten -> exten.startsWith("_"))
                .filter(pattern -> patternToRegex(pattern).matcher(dialled).matches()).findFirst();
    }

    /**
     * Every step a call to {@code dialled} in {@code context} may run, following Goto and GotoIf targets
     * written literally (targets computed from variables, like ${GRIOT_NEXT}, are Griot's choice at run time).
     */
    List<Step> reachableSteps(String context, String dialled) {
        List<Step> reached = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Deque<String[]> toVisit = new ArrayDeque<>();
        toVisit.add(new String[] {context, dialled});
        while (!toVisit.isEmpty()) {
            String[] next = toVisit.poll();
            Optional<String> exten = extensionFor(next[0], next[1]);
            if (exten.isEmpty() || !visited.add(next[0] + "," + exten.get())) {
                continue;
            }
            for (Step step : contexts.get(next[0]).get(exten.get())) {
                reached.add(step);
                if (step.application().equalsIgnoreCase("Goto") || step.application().equalsIgnoreCase("GotoIf")) {
                    for (String target : gotoTargets(step, exten.get().startsWith("_") ? next[1] : exten.get())) {
                        String[] parts = target.split(",");
                        if (parts.length == 3) {
                            toVisit.add(new String[] {parts[0].strip(), parts[1].strip()});
                        } else if (parts.length == 2) {
                            toVisit.add(new String[] {next[0], parts[0].strip()});
                        }
                    }
                }
            }
        }
        return reached;
    }

    private static List<String> gotoTargets(Step step, String dialled) {
        String arguments = step.arguments().replace("${EXTEN}", dialled);
        if (step.application().equalsIgnoreCase("GotoIf")) {
            int question = arguments.lastIndexOf('?');
            arguments = question < 0 ? "" : arguments.substring(question + 1);
        }
        List<String> targets = new ArrayList<>();
        for (String target : arguments.split(":")) {
            if (!target.isBlank() && !target.contains("${")) {
                targets.add(target.strip());
            }
        }
        return targets;
    }

    /** Asterisk extension pattern (after "_") as a regex: X, Z, N, [ranges], "." (one or more), "!" (zero or more). */
    static Pattern patternToRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        String body = pattern.substring(1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            switch (Character.toUpperCase(c)) {
                case 'X' -> regex.append("[0-9]");
                case 'Z' -> regex.append("[1-9]");
                case 'N' -> regex.append("[2-9]");
                case '.' -> regex.append(".+");
                case '!' -> regex.append(".*");
                case '[' -> {
                    int end = body.indexOf(']', i);
                    // dialplan classes ([1-5], [13579]) read the same as regex classes
                    regex.append('[').append(body, i + 1, end).append(']');
                    i = end;
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** One priority of an extension: e.g. 1919, n, AGI, agi://${GRIOT_AGI_HOST}:4573/ivr. */
    record Step(String context, String exten, String priority, String label, String application, String arguments) {
    }
}
