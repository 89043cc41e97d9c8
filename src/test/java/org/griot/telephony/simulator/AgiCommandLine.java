package org.griot.telephony.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An AGI command line split the way res_agi's parse_args does: whitespace separates arguments,
 * double quotes group (so {@code ""} is an empty argument), backslash escapes the next character.
 */
final class AgiCommandLine {

    /** Command words Asterisk 22 knows (longest match wins). */
    private static final String[][] COMMANDS = {
        {"ANSWER"}, {"ASYNCAGI", "BREAK"}, {"CHANNEL", "STATUS"}, {"CONTROL", "STREAM", "FILE"},
        {"DATABASE", "DEL"}, {"DATABASE", "DELTREE"}, {"DATABASE", "GET"}, {"DATABASE", "PUT"},
        {"EXEC"}, {"GET", "DATA"}, {"GET", "FULL", "VARIABLE"}, {"GET", "OPTION"}, {"GET", "VARIABLE"},
        {"GOSUB"}, {"HANGUP"}, {"NOOP"}, {"RECEIVE", "CHAR"}, {"RECEIVE", "TEXT"}, {"RECORD", "FILE"},
        {"SAY", "ALPHA"}, {"SAY", "DATE"}, {"SAY", "DATETIME"}, {"SAY", "DIGITS"}, {"SAY", "NUMBER"},
        {"SAY", "PHONETIC"}, {"SAY", "TIME"}, {"SEND", "IMAGE"}, {"SEND", "TEXT"}, {"SET", "AUTOHANGUP"},
        {"SET", "CALLERID"}, {"SET", "CONTEXT"}, {"SET", "EXTENSION"}, {"SET", "MUSIC"}, {"SET", "PRIORITY"},
        {"SET", "VARIABLE"}, {"STREAM", "FILE"}, {"TDD", "MODE"}, {"VERBOSE"}, {"WAIT", "FOR", "DIGIT"},
    };

    final String raw;
    final List<String> args;
    /** The matched command name in upper case ("GET DATA"), or null for an unknown command. */
    final String command;

    private AgiCommandLine(String raw, List<String> args, String command) {
        this.raw = raw;
        this.args = args;
        this.command = command;
    }

    static AgiCommandLine parse(String line) {
        List<String> args = split(line);
        String best = null;
        int bestLength = 0;
        for (String[] words : COMMANDS) {
            if (words.length <= args.size() && words.length > bestLength) {
                boolean match = true;
                for (int i = 0; i < words.length; i++) {
                    if (!words[i].equalsIgnoreCase(args.get(i))) {
                        match = false;
                        break;
                    }
                }
                if (match) {
                    best = String.join(" ", words);
                    bestLength = words.length;
                }
            }
        }
        return new AgiCommandLine(line, args, best == null ? null : best.toUpperCase(Locale.ROOT));
    }

    static List<String> split(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean escaped = false;
        boolean started = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (escaped) {
                current.append(c);
                escaped = false;
                started = true;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                quoted = !quoted;
                started = true;
            } else if ((c == ' ' || c == '\t') && !quoted) {
                if (started) {
                    args.add(current.toString());
                    current.setLength(0);
                    started = false;
                }
            } else {
                current.append(c);
                started = true;
            }
        }
        if (started) {
            args.add(current.toString());
        }
        return args;
    }

    int argc() {
        return args.size();
    }

    String arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }
}
