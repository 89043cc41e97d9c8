package org.griot.telephony.asterisk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One parsed Asterisk configuration file: its sections in file order (names may repeat, as PJSIP's
 * endpoint/aor/identify of one trunk do), its #include targets, and the lines the parser could not
 * classify (each one a syntax error Asterisk would log or, worse, silently ignore).
 */
record AsteriskConfig(String fileName, List<ConfigSection> sections, List<String> includes, List<String> unparsedLines) {

    List<ConfigSection> sectionsNamed(String name) {
        return sections.stream().filter(section -> section.name().equals(name)).toList();
    }

    Optional<ConfigSection> firstSectionNamed(String name) {
        return sections.stream().filter(section -> section.name().equals(name)).findFirst();
    }

    /** The section's entries with its templates' entries first, as Asterisk builds them. */
    List<ConfigEntry> effectiveEntries(ConfigSection section) {
        List<ConfigEntry> entries = new ArrayList<>();
        collectEntries(section, entries, 0);
        return entries;
    }

    /** Last value of a key after template inheritance (single-valued options: the last one wins). */
    Optional<String> effectiveValue(ConfigSection section, String key) {
        List<String> values = effectiveValues(section, key);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    List<String> effectiveValues(ConfigSection section, String key) {
        return effectiveEntries(section).stream().filter(entry -> entry.key().equalsIgnoreCase(key))
                .map(ConfigEntry::value).toList();
    }

    /** Concrete (non-template) sections of a PJSIP type, e.g. "endpoint", "aor", "identify". */
    List<ConfigSection> sectionsOfType(String type) {
        return sections.stream().filter(section -> !section.template())
                .filter(section -> effectiveValue(section, "type").map(type::equals).orElse(false)).toList();
    }

    private void collectEntries(ConfigSection section, List<ConfigEntry> into, int depth) {
        if (depth > 10) {
            return; // a template cycle; Asterisk rejects it, the checks will miss the values
        }
        for (String templateName : section.inheritedTemplates()) {
            sections.stream().filter(candidate -> candidate.name().equals(templateName) && candidate.template())
                    .forEach(template -> collectEntries(template, into, depth + 1));
        }
        into.addAll(section.entries());
    }

    /** A [name] or [name](options) section. */
    record ConfigSection(String name, boolean template, boolean addsToExisting, List<String> inheritedTemplates,
            List<ConfigEntry> entries) {

        Optional<String> value(String key) {
            List<String> values = values(key);
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
        }

        List<String> values(String key) {
            return entries.stream().filter(entry -> entry.key().equalsIgnoreCase(key)).map(ConfigEntry::value).toList();
        }
    }

    /** A "key = value" or "key => value" line; lineNumber for error messages. */
    record ConfigEntry(String key, String value, int lineNumber) {
    }
}
