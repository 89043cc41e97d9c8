package org.griot.decision;

/** A problem found while building a rule base, located by file and line for the analyst. */
public record RuleMessage(String level, String file, int line, int column, String text) {

    @Override
    public String toString() {
        return (file == null ? "" : file + ":" + line + ":" + column + ": ") + level + ": " + text;
    }
}
