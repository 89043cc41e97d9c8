package org.griot.telephony;

import java.time.Duration;
import java.util.Objects;

/**
 * A command on one live call, performed by its {@link CallSession}. {@code R} is the command's result.
 * Prompt names are sound file names without extension as the PBX knows them (e.g. "griot/fr/welcome").
 */
public sealed interface CallCommand<R> {

    /** Answers the call (no-op when already answered). */
    record Answer() implements CallCommand<Done> {
    }

    /** Plays a prompt; a digit of {@code bargeInDigits} interrupts it and is returned. */
    record PlayPrompt(String prompt, String bargeInDigits) implements CallCommand<PromptResult> {
        public PlayPrompt {
            requirePrompt(prompt);
            bargeInDigits = bargeInDigits == null ? "" : bargeInDigits;
        }

        public static PlayPrompt uninterruptible(String prompt) {
            return new PlayPrompt(prompt, "");
        }
    }

    /**
     * Plays a prompt (may be null) and collects between {@code minDigits} and {@code maxDigits} digits;
     * {@code timeout} is the wait for each digit; the terminator digit (e.g. '#') ends input early
     * and is not part of the digits.
     */
    record CollectDigits(String prompt, int minDigits, int maxDigits, Duration timeout, Character terminator)
            implements CallCommand<DigitsResult> {
        public CollectDigits {
            if (minDigits < 0 || maxDigits < 1 || minDigits > maxDigits) {
                throw new IllegalArgumentException("digits: 0 <= min <= max, max >= 1 (got " + minDigits + ".." + maxDigits + ")");
            }
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
        }
    }

    /** Says each digit of a string ("1234" → one, two, three, four). */
    record SayDigits(String digits, String bargeInDigits) implements CallCommand<PromptResult> {
        public SayDigits {
            if (digits == null || !digits.matches("[0-9*#]+")) {
                throw new IllegalArgumentException("digits to say: " + digits);
            }
            bargeInDigits = bargeInDigits == null ? "" : bargeInDigits;
        }
    }

    /** Says a number ("1234" → one thousand two hundred thirty-four) in the call's language. */
    record SayNumber(long number, String bargeInDigits) implements CallCommand<PromptResult> {
        public SayNumber {
            bargeInDigits = bargeInDigits == null ? "" : bargeInDigits;
        }
    }

    /**
     * Records the caller to {@code file} (no extension) in {@code format} (e.g. "wav"); stops on a
     * digit of {@code stopDigits}, after {@code maxDuration}, or after {@code silence} of silence.
     */
    record RecordMessage(String file, String format, String stopDigits, Duration maxDuration, Duration silence, boolean beep)
            implements CallCommand<RecordingResult> {
        public RecordMessage {
            requirePrompt(file);
            format = format == null ? "wav" : format;
            stopDigits = stopDigits == null ? "#" : stopDigits;
            Objects.requireNonNull(maxDuration, "maxDuration");
        }
    }

    /** Sets a variable on the call (visible to the PBX dialplan and to later scripts). */
    record SetCallData(String name, String value) implements CallCommand<Done> {
        public SetCallData {
            requireName(name);
        }
    }

    /** Reads a variable of the call; empty when unset. */
    record GetCallData(String name) implements CallCommand<java.util.Optional<String>> {
        public GetCallData {
            requireName(name);
        }
    }

    /** Ends the call. */
    record HangUp() implements CallCommand<Done> {
    }

    /** The result of commands that return nothing. */
    enum Done { DONE }

    /** A prompt played to its end ({@code digit} empty) or interrupted by a digit. */
    record PromptResult(java.util.Optional<Character> digit) {
        public static final PromptResult COMPLETE = new PromptResult(java.util.Optional.empty());

        public boolean interrupted() {
            return digit.isPresent();
        }
    }

    /** Digits collected, and why collection stopped. */
    record DigitsResult(String digits, Ending ending) {
        public enum Ending { MAX_DIGITS, TERMINATOR, TIMEOUT }

        public boolean noInput() {
            return digits.isEmpty() && ending == Ending.TIMEOUT;
        }
    }

    /** A recording: the file written, how long, and the digit that stopped it (if any). */
    record RecordingResult(String file, Duration duration, java.util.Optional<Character> stoppedBy) {
    }

    private static void requirePrompt(String prompt) {
        if (prompt == null || prompt.isBlank() || prompt.contains("..") || !prompt.matches("[A-Za-z0-9_/.-]+")) {
            throw new IllegalArgumentException("sound name: " + prompt);
        }
    }

    private static void requireName(String name) {
        // A variable, or a dialplan function such as CHANNEL(language).
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*(\\([A-Za-z_]+\\))?")) {
            throw new IllegalArgumentException("variable name: " + name);
        }
    }
}
