package org.griot.telephony.simulator;

import java.util.List;
import java.util.Map;

/**
 * Usage text of the {@code 520-} reply. GET DATA and SET VARIABLE are the exact Asterisk 22 texts
 * from the captures; the others follow the same style (first lines of the res_agi documentation).
 */
final class AgiUsage {

    private static final Map<String, List<String>> USAGE = Map.ofEntries(
            Map.entry("GET DATA", List.of("Stream the given <replaceable>file</replaceable>, and receive DTMF data.",
                    "Returns the digits received from the channel at the other end.")),
            Map.entry("SET VARIABLE", List.of("Sets a variable to the current channel.")),
            Map.entry("ANSWER", List.of("Answers channel if not already in answer state. Returns <literal>-1</literal> on channel failure, or <literal>0</literal> if successful.")),
            Map.entry("STREAM FILE", List.of("Send the given file, allowing playback to be interrupted by the given digits, if any.",
                    "Returns <literal>0</literal> if playback completes without a digit being pressed, or the ASCII numerical value of the digit if one was pressed, or <literal>-1</literal> on error or if the channel was disconnected.")),
            Map.entry("WAIT FOR DIGIT", List.of("Waits up to <replaceable>timeout</replaceable> milliseconds for channel to receive a DTMF digit.",
                    "Returns <literal>-1</literal> on channel failure, <literal>0</literal> if no digit is received in the timeout, or the numerical value of the ascii of the digit if one is received.")),
            Map.entry("GET VARIABLE", List.of("Returns <literal>0</literal> if <replaceable>variablename</replaceable> is not set. Returns <literal>1</literal> if <replaceable>variablename</replaceable> is set and returns the variable in parentheses.")),
            Map.entry("EXEC", List.of("Executes <replaceable>application</replaceable> with given <replaceable>options</replaceable>.")),
            Map.entry("SAY DIGITS", List.of("Say a given digit string, returning early if any of the given DTMF digits are received on the channel.")),
            Map.entry("SAY NUMBER", List.of("Say a given number, returning early if any of the given DTMF digits are received on the channel.")),
            Map.entry("RECORD FILE", List.of("Record to a file until a given dtmf digit in the sequence is received.")));

    private AgiUsage() {
    }

    static List<String> of(String command) {
        return USAGE.getOrDefault(command, List.of("Usage: " + command + " <arguments>"));
    }
}
