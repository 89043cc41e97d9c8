package org.griot.ivr;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.griot.ivr.selfcare.Balance;
import org.griot.ivr.selfcare.IdentityCheck;
import org.griot.ivr.selfcare.LookupResult;
import org.griot.ivr.selfcare.MobileMoneyAccount;
import org.griot.ivr.selfcare.MonthlyConsumption;
import org.griot.ivr.selfcare.PukCode;
import org.griot.ivr.selfcare.SubscriberDirectory;
import org.griot.telephony.CallCommand;
import org.griot.telephony.CallCommand.CollectDigits;
import org.griot.telephony.CallCommand.DigitsResult;
import org.griot.telephony.CallSession;
import org.griot.workflow.ProcessStep;
import org.springframework.stereotype.Component;

/**
 * Performs one IVR step of a call's process on the line — the building blocks analysts compose in
 * Camunda Modeler (processes/element-templates): play, menu, collect, say, lookup, hang up, transfer.
 * Returns the outcome that completes the step (the process's next decision reads it).
 */
@Component
class IvrStepPerformer {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final PromptReleases prompts;
    private final SubscriberDirectory subscribers;

    /** The language of the call, and whether it hears the staging versions of prompts (test line, simulator). */
    private record Voice(String language, boolean staging) {
    }

    IvrStepPerformer(PromptReleases prompts, SubscriberDirectory subscribers) {
        this.prompts = prompts;
        this.subscribers = subscribers;
    }

    Map<String, Object> perform(ProcessStep step, CallSession call) {
        Voice language = new Voice(step.text("language", PromptCatalog.DEFAULT_LANGUAGE), Boolean.parseBoolean(step.text("staging")));
        return switch (step.kind()) {
            case "play" -> play(step, call, language);
            case "menu" -> menu(step, call, language);
            case "collect" -> collect(step, call, language);
            case "say" -> say(step, call, language);
            case "lookup" -> lookup(step, call, language);
            case "hangup" -> {
                call.hangUp();
                yield Map.of();
            }
            case "transfer" -> {
                String number = step.text("number", "");
                if (!number.matches("\\+?[0-9]{3,15}")) {
                    // It becomes a dialplan location: anything but digits could send the call elsewhere.
                    throw new IllegalArgumentException("Step " + step.activityId() + ": transfer number '" + number
                            + "' is not 3 to 15 digits");
                }
                call.perform(new CallCommand.SetCallData("GRIOT_NEXT", "griot-outbound," + number + ",1"));
                yield Map.of("transferredTo", number);
            }
            default -> throw new IllegalArgumentException("Step " + step.activityId() + " has an unknown kind '"
                    + step.kind() + "' (play, menu, collect, say, lookup, hangup, transfer)");
        };
    }

    private Map<String, Object> play(ProcessStep step, CallSession call, Voice language) {
        var result = call.play(sound(step.text("prompt"), language), step.text("bargeIn", ""));
        return Map.of("bargedIn", result.digit().map(String::valueOf).orElse(""));
    }

    /**
     * A menu: the prompt, one key among {@code options}; an invalid key or silence replays it after the
     * invalid/no-input prompt, up to {@code maxAttempts}; then {@code menuFailed} is true.
     */
    private Map<String, Object> menu(ProcessStep step, CallSession call, Voice language) {
        String options = step.text("options", "");
        String resultVariable = step.text("resultVariable", "choice");
        int attempts = step.number("maxAttempts", 3);
        Duration timeout = Duration.ofSeconds(step.number("timeoutSeconds", (int) DEFAULT_TIMEOUT.toSeconds()));
        int invalid = 0;
        int noInput = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            DigitsResult answer = call.collect(new CollectDigits(sound(step.text("prompt"), language), 1, 1, timeout, null));
            if (!answer.digits().isEmpty() && options.contains(answer.digits())) {
                return outcome(resultVariable, answer.digits(), "menuFailed", false, "invalidCount", invalid, "noInputCount", noInput);
            }
            if (answer.digits().isEmpty()) {
                noInput++;
                if (attempt < attempts) {
                    call.play(sound(step.text("noInputPrompt", "no-input"), language), "");
                }
            } else {
                invalid++;
                if (attempt < attempts) {
                    call.play(sound(step.text("invalidPrompt", "invalid-choice"), language), "");
                }
            }
        }
        call.play(sound(step.text("failedPrompt", "too-many-attempts"), language), "");
        return outcome(resultVariable, "", "menuFailed", true, "invalidCount", invalid, "noInputCount", noInput);
    }

    private Map<String, Object> collect(ProcessStep step, CallSession call, Voice language) {
        String resultVariable = step.text("resultVariable", "digits");
        int min = step.number("minDigits", 1);
        int max = step.number("maxDigits", 20);
        String terminator = step.text("terminator", "#");
        int attempts = step.number("maxAttempts", 3);
        Duration timeout = Duration.ofSeconds(step.number("timeoutSeconds", (int) DEFAULT_TIMEOUT.toSeconds()));
        for (int attempt = 1; attempt <= attempts; attempt++) {
            DigitsResult answer = call.collect(new CollectDigits(sound(step.text("prompt"), language), min, max, timeout,
                    terminator.isEmpty() ? null : terminator.charAt(0)));
            if (answer.digits().length() >= min) {
                return outcome(resultVariable, answer.digits(), "collectFailed", false);
            }
            if (attempt < attempts) {
                call.play(sound(answer.noInput() ? step.text("noInputPrompt", "no-input")
                        : step.text("invalidPrompt", "invalid-choice"), language), "");
            }
        }
        call.play(sound(step.text("failedPrompt", "too-many-attempts"), language), "");
        return outcome(resultVariable, "", "collectFailed", true);
    }

    /** Says a process variable as a number or as digits, between an optional intro and suffix prompt. */
    private Map<String, Object> say(ProcessStep step, CallSession call, Voice language) {
        if (step.text("prompt") != null) {
            call.play(sound(step.text("prompt"), language), "");
        }
        String value = step.text(step.text("variable", "value"), "");
        boolean asNumber = "number".equals(step.text("as", "number"));
        if (!value.matches("[0-9]+")) {
            throw new IllegalArgumentException("Step " + step.activityId() + ": nothing to say in " + step.text("variable"));
        }
        if (asNumber && ("fr".equals(language.language()) || "en".equals(language.language()))) {
            // Asterisk's own number sounds exist in French and English.
            call.perform(new CallCommand.SetCallData("CHANNEL(language)", language.language()));
            call.perform(new CallCommand.SayNumber(Long.parseLong(value), ""));
        } else {
            sayDigits(call, value, language);
        }
        if (step.text("suffixPrompt") != null) {
            call.play(sound(step.text("suffixPrompt"), language), "");
        }
        return Map.of();
    }

    /** A named self-care query against the operator's back end; "unavailable" leads to an apology. */
    private Map<String, Object> lookup(ProcessStep step, CallSession call, Voice language) {
        String query = step.text("query", "");
        String caller = step.text("callerNumber", "");
        if (step.text("prompt") != null) {
            call.play(sound(step.text("prompt"), language), "");
        }
        Map<String, Object> outcome = new HashMap<>();
        LookupResult<?> result = switch (query) {
            case "verify-identity" -> subscribers.verifyIdentity(caller, step.text(step.text("answerVariable", "identityAnswer"), ""));
            case "puk" -> subscribers.pukCode(caller);
            case "balance" -> subscribers.balance(caller);
            case "consumption" -> subscribers.monthlyConsumption(caller);
            case "mobile-money" -> subscribers.mobileMoney(caller);
            case "subscriber" -> subscribers.subscriber(caller);
            default -> throw new IllegalArgumentException("Step " + step.activityId() + ": unknown lookup '" + query
                    + "' (verify-identity, puk, balance, consumption, mobile-money, subscriber)");
        };
        if (result instanceof LookupResult.Found<?> found) {
            outcome.put("lookupStatus", "found");
            Object value = found.value();
            if (value instanceof IdentityCheck check) {
                outcome.put("identityPassed", check.passed());
            } else if (value instanceof PukCode puk) {
                // Said at once and never stored: a PUK must not reach the process history.
                call.play(sound("puk-is", language), "");
                sayDigits(call, puk.digits(), language);
            } else if (value instanceof Balance balance) {
                outcome.put("balanceXof", balance.mainXof());
                outcome.put("dataMb", balance.dataRemainingMb());
            } else if (value instanceof MonthlyConsumption consumption) {
                outcome.put("consumptionXof", consumption.totalCostXof());
                outcome.put("consumptionCalls", consumption.calls());
            } else if (value instanceof MobileMoneyAccount account) {
                outcome.put("mobileMoneyStatus", account.status().name());
                outcome.put("mobileMoneyBalanceXof", account.balanceXof());
            }
        } else if (result instanceof LookupResult.NotFound<?>) {
            outcome.put("lookupStatus", "not-found");
        } else {
            outcome.put("lookupStatus", "unavailable");
        }
        return outcome;
    }

    /** Digit by digit with Griot's own digit prompts (they exist in every language, Fon and Yoruba included). */
    private void sayDigits(CallSession call, String digits, Voice language) {
        for (char digit : digits.toCharArray()) {
            call.play(sound("digit-" + digit, language), "");
        }
    }

    private String sound(String promptId, Voice voice) {
        if (promptId == null) {
            return null;
        }
        return prompts.soundName(promptId, voice.language(), voice.staging());
    }

    private static Map<String, Object> outcome(Object... keysAndValues) {
        Map<String, Object> outcome = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            outcome.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return outcome;
    }
}
