package org.griot.ivr;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.griot.ivr.selfcare.Balance;
import org.griot.ivr.selfcare.CallRecord;
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
import org.griot.workflow.CallStepVariables;
import org.griot.workflow.ProcessStep;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Performs one IVR step of a call's process on the line — the building blocks analysts compose in
 * Camunda Modeler (processes/element-templates): play, menu, collect, say, lookup, hang up, transfer.
 * Returns the outcome that completes the step (the process's next decision reads it).
 *
 * <p>A step's settings are the task's properties in the model ({@code step.text/number}); the process
 * variables it reads ({@code step.variable...}) are declared by {@link #of}, so that the step is
 * fetched with them and nothing else.
 */
@Component
class IvrStepPerformer implements CallStepVariables {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final PromptReleases prompts;
    private final SubscriberDirectory subscribers;
    /** The subscribers' time zone: the day of a past call is said in it. */
    private final ZoneId zone;

    /** The language of the call, and whether it hears the staging versions of prompts (test line, simulator). */
    private record Voice(String language, boolean staging) {
    }

    IvrStepPerformer(PromptReleases prompts, SubscriberDirectory subscribers,
            @Value("${griot.selfcare.zone:Africa/Porto-Novo}") ZoneId zone) {
        this.prompts = prompts;
        this.subscribers = subscribers;
        this.zone = zone;
    }

    /** The process variables a step reads: keep in step with the {@code step.variable...} calls below. */
    @Override
    public Set<String> of(Map<String, String> configuration) {
        Set<String> names = new TreeSet<>();
        names.add("staging"); // test lines and the simulator hear the staging prompts
        if (configuration.get("language") == null) {
            names.add("language");
        }
        switch (configuration.getOrDefault("step", "")) {
            case "say" -> names.add(configuration.getOrDefault("variable", "value"));
            case "lookup" -> {
                names.add("callerNumber");
                if ("verify-identity".equals(configuration.get("query"))) {
                    names.add(configuration.getOrDefault("answerVariable", "identityAnswer"));
                }
            }
            default -> {
            }
        }
        return names;
    }

    Map<String, Object> perform(ProcessStep step, CallSession call) {
        String spoken = step.text("language");
        if (spoken == null) {
            spoken = step.variableText("language", PromptCatalog.DEFAULT_LANGUAGE);
        }
        Voice language = new Voice(spoken, Boolean.parseBoolean(step.variableText("staging", "false")));
        Map<String, Object> outcome = performKind(step, call, language);
        if (step.text("routingReason") != null) {
            // Why the caller goes on to an agent after this step (the routing rules read it).
            outcome = new HashMap<>(outcome);
            outcome.put("routingReason", step.text("routingReason"));
        }
        return outcome;
    }

    private Map<String, Object> performKind(ProcessStep step, CallSession call, Voice language) {
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
        String bargeIn = step.text("bargeIn", "");
        var result = call.play(sound(step.text("prompt"), language), bargeIn);
        if (bargeIn.isEmpty()) {
            return Map.of(); // nothing can interrupt it: no bargedIn variable to write on every prompt
        }
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
        String value = step.variableText(step.text("variable", "value"), "");
        boolean asNumber = "number".equals(step.text("as", "number"));
        if (!value.matches("[0-9]+")) {
            throw new IllegalArgumentException("Step " + step.activityId() + ": nothing to say in " + step.text("variable"));
        }
        if (asNumber) {
            sayNumber(call, Long.parseLong(value), language);
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
        String caller = step.variableText("callerNumber", "");
        if (step.text("prompt") != null) {
            call.play(sound(step.text("prompt"), language), "");
        }
        Map<String, Object> outcome = new HashMap<>();
        LookupResult<?> result = switch (query) {
            case "verify-identity" -> subscribers.verifyIdentity(caller,
                    step.variableText(step.text("answerVariable", "identityAnswer"), ""));
            case "puk" -> subscribers.pukCode(caller);
            case "balance" -> subscribers.balance(caller);
            case "consumption" -> subscribers.monthlyConsumption(caller);
            case "mobile-money" -> subscribers.mobileMoney(caller);
            case "subscriber" -> subscribers.subscriber(caller);
            case "last-calls" -> subscribers.lastCalls(caller, step.number("count", 3));
            default -> throw new IllegalArgumentException("Step " + step.activityId() + ": unknown lookup '" + query
                    + "' (verify-identity, puk, balance, consumption, mobile-money, subscriber, last-calls)");
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
            } else if (value instanceof List<?> calls) {
                // Said at once and never stored, like the PUK: the numbers called are personal data.
                sayLastCalls(call, calls.stream().map(CallRecord.class::cast).toList(), language);
                outcome.put("lastCallsSaid", calls.size());
            }
        } else if (result instanceof LookupResult.NotFound<?>) {
            outcome.put("lookupStatus", "not-found");
        } else {
            outcome.put("lookupStatus", "unavailable");
        }
        return outcome;
    }

    /**
     * "Here are your last calls": for each, the number called digit by digit, the day of the month it
     * was made (Benin time), and how long it lasted; "no recent calls" when there is none.
     */
    private void sayLastCalls(CallSession call, List<CallRecord> calls, Voice language) {
        if (calls.isEmpty()) {
            call.play(sound("no-recent-calls", language), "");
            return;
        }
        call.play(sound("last-calls-intro", language), "");
        for (CallRecord record : calls) {
            call.play(sound("last-call-to", language), "");
            sayDigits(call, record.otherNumber().replaceAll("[^0-9]", ""), language);
            call.play(sound("last-call-day", language), "");
            sayNumber(call, record.startedAt().atZone(zone).getDayOfMonth(), language);
            call.play(sound("last-call-lasted", language), "");
            long minutes = record.duration().toMinutes();
            long seconds = record.duration().toSecondsPart();
            if (minutes > 0) {
                sayNumber(call, minutes, language);
                call.play(sound("minutes", language), "");
            }
            if (seconds > 0 || minutes == 0) {
                sayNumber(call, seconds, language);
                call.play(sound("seconds", language), "");
            }
        }
    }

    /** A number: Asterisk's own number sounds in French and English, Griot's digit prompts otherwise. */
    private void sayNumber(CallSession call, long number, Voice language) {
        SpokenNumbers.sayNumber(call, number, language.language(), language.staging(), prompts);
    }

    private void sayDigits(CallSession call, String digits, Voice language) {
        SpokenNumbers.sayDigits(call, digits, language.language(), language.staging(), prompts);
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
