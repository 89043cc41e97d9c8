package org.griot.telephony.asterisk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small parser of Asterisk's configuration syntax (config.c), enough to check Griot's files: sections
 * {@code [name]}, templates {@code [name](!)}, inheritance {@code [name](tpl1,tpl2)}, additions
 * {@code [name](+)}, {@code key = value} and {@code key => value} lines, {@code ;} comments (and
 * {@code \;} escapes, {@code ;-- --;} blocks), {@code #include}/{@code #tryinclude}. Every other line is
 * reported as unparsed rather than guessed at.
 */
final class AsteriskConfigParser {

    private static final Pattern SECTION = Pattern.compile("\\[([^\\[\\]]+)\\](?:\\(([^()]*)\\))?");
    private static final Pattern INCLUDE = Pattern.compile("#(?:try)?include\\s+(?:\"([^\"]+)\"|<([^>]+)>|(\\S+))");
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9_.\\-]+)\\s*(=>|=)\\s*(.*)");
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private AsteriskConfigParser() {
    }

    static AsteriskConfig parse(String fileName, String text) {
        List<AsteriskConfig.ConfigSection> sections = new ArrayList<>();
        List<String> includes = new ArrayList<>();
        List<String> unparsed = new ArrayList<>();
        SectionBuilder current = null;
        boolean inBlockComment = false;
        String[] lines = text.split("\\R", -1);
        for (int index = 0; index < lines.length; index++) {
            int lineNumber = index + 1;
            String line = lines[index];
            if (inBlockComment) {
                int end = line.indexOf("--;");
                if (end < 0) {
                    continue;
                }
                inBlockComment = false;
                line = line.substring(end + 3);
            }
            if (line.contains(";--")) {
                int start = line.indexOf(";--");
                int end = line.indexOf("--;", start + 3);
                if (end < 0) {
                    inBlockComment = true;
                    line = line.substring(0, start);
                } else {
                    line = line.substring(0, start) + line.substring(end + 3);
                }
            }
            String content = stripComment(line).strip();
            if (content.isEmpty()) {
                continue;
            }
            Matcher include = INCLUDE.matcher(content);
            if (include.matches()) {
                includes.add(firstNonNull(include.group(1), include.group(2), include.group(3)));
                continue;
            }
            Matcher section = SECTION.matcher(content);
            if (section.matches()) {
                if (current != null) {
                    sections.add(current.build());
                }
                current = new SectionBuilder(section.group(1).strip());
                if (section.group(2) != null && !current.applyOptions(section.group(2))) {
                    unparsed.add(fileName + ":" + lineNumber + ": bad section options: " + line.strip());
                }
                continue;
            }
            Matcher entry = ENTRY.matcher(content);
            if (entry.matches() && current != null) {
                current.entries.add(new AsteriskConfig.ConfigEntry(entry.group(1), entry.group(3).strip(), lineNumber));
                continue;
            }
            unparsed.add(fileName + ":" + lineNumber + ": " + (entry.matches() ? "entry outside any section: " : "")
                    + line.strip());
        }
        if (current != null) {
            sections.add(current.build());
        }
        return new AsteriskConfig(fileName, List.copyOf(sections), List.copyOf(includes), List.copyOf(unparsed));
    }

    /** Removes a ";" comment; "\;" is a literal semicolon, as in Asterisk. */
    private static String stripComment(String line) {
        StringBuilder kept = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == ';') {
                kept.append(';');
                i++;
            } else if (c == ';') {
                break;
            } else {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        throw new IllegalStateException("no include target");
    }

    private static final class SectionBuilder {
        private final String name;
        private boolean template;
        private boolean addsToExisting;
        private final List<String> inheritedTemplates = new ArrayList<>();
        private final List<AsteriskConfig.ConfigEntry> entries = new ArrayList<>();

        SectionBuilder(String name) {
            this.name = name;
        }

        /** "!" = template, "+" = add to an existing section, other words = templates to inherit. */
        boolean applyOptions(String options) {
            for (String option : options.split(",")) {
                String trimmed = option.strip();
                if (trimmed.equals("!")) {
                    template = true;
                } else if (trimmed.equals("+")) {
                    addsToExisting = true;
                } else if (TEMPLATE_NAME.matcher(trimmed).matches()) {
                    inheritedTemplates.add(trimmed);
                } else {
                    return false;
                }
            }
            return true;
        }

        AsteriskConfig.ConfigSection build() {
            return new AsteriskConfig.ConfigSection(name, template, addsToExisting, List.copyOf(inheritedTemplates),
                    List.copyOf(entries));
        }
    }
}
