package org.griot.ivr;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.griot.telephony.CallCommand;
import org.griot.telephony.CallCommand.DigitsResult;
import org.griot.telephony.CallCommand.Done;
import org.griot.telephony.CallCommand.PromptResult;
import org.griot.telephony.CallHungUpException;
import org.griot.telephony.CallInfo;
import org.griot.telephony.CallSession;
import org.griot.workflow.ProcessStep;

/**
 * A call whose "line" is an analyst's browser: every prompt played is reported with its transcript,
 * and a digit collection blocks the script's thread until the analyst presses keys, asks for silence
 * (the collection times out at once) or hangs up. Keys pressed ahead are kept, as DTMF is. An analyst
 * who does nothing for {@code inputTimeout} is taken to have hung up.
 */
final class BrowserCallSession implements CallSession, IvrCallObserver {

    /** Who follows the call: the simulator, which turns these into events for the page. */
    interface Listener {
        void processStarted(String processInstanceId, String definitionId);

        void stepStarted(ProcessStep step);

        void event(String type, Map<String, Object> data);
    }

    private sealed interface Input {
    }

    private record Key(char key) implements Input {
    }

    private record Silence() implements Input {
    }

    private record HangUp() implements Input {
    }

    static final String KEYS = "0123456789*#";

    private final CallInfo info;
    private final PromptReleases prompts;
    private final Duration inputTimeout;
    private final Listener listener;
    private final BlockingDeque<Input> inputs = new LinkedBlockingDeque<>();
    private final Map<String, String> variables = new ConcurrentHashMap<>();
    private volatile boolean active = true;
    private volatile boolean hungUpByCaller;
    private volatile boolean waiting;

    BrowserCallSession(CallInfo info, PromptReleases prompts, Duration inputTimeout, Listener listener) {
        this.info = info;
        this.prompts = prompts;
        this.inputTimeout = inputTimeout;
        this.listener = listener;
    }

    // --- the analyst's side

    void press(char key) {
        if (KEYS.indexOf(key) < 0) {
            throw new IllegalArgumentException("Not a telephone key: " + key);
        }
        inputs.add(new Key(key));
    }

    /** The caller says nothing: the collection under way ends now as a time-out. */
    void silence() {
        if (waiting) {
            inputs.add(new Silence());
        }
    }

    void callerHangsUp() {
        if (active) {
            hungUpByCaller = true;
            active = false;
            inputs.addFirst(new HangUp());
        }
    }

    boolean isWaitingForDigits() {
        return waiting;
    }

    boolean hungUpByCaller() {
        return hungUpByCaller;
    }

    // --- the script's side

    @Override
    public CallInfo info() {
        return info;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void processStarted(String processInstanceId, String definitionId) {
        listener.processStarted(processInstanceId, definitionId);
    }

    @Override
    public void stepStarted(ProcessStep step) {
        listener.stepStarted(step);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R perform(CallCommand<R> command) {
        if (!active) {
            throw new CallHungUpException(info.callId());
        }
        return (R) answerTo(command);
    }

    private Object answerTo(CallCommand<?> command) {
        if (command instanceof CallCommand.Answer) {
            listener.event("answered", Map.of());
            return Done.DONE;
        }
        if (command instanceof CallCommand.PlayPrompt play) {
            prompt(play.prompt());
            return bargeIn(play.bargeInDigits());
        }
        if (command instanceof CallCommand.SayDigits say) {
            listener.event("say", Map.of("text", say.digits(), "as", "digits"));
            return bargeIn(say.bargeInDigits());
        }
        if (command instanceof CallCommand.SayNumber say) {
            listener.event("say", Map.of("text", Long.toString(say.number()), "as", "number"));
            return bargeIn(say.bargeInDigits());
        }
        if (command instanceof CallCommand.CollectDigits collect) {
            if (collect.prompt() != null) {
                prompt(collect.prompt());
            }
            return collectDigits(collect);
        }
        if (command instanceof CallCommand.RecordMessage record) {
            listener.event("record", Map.of("file", record.file()));
            return new CallCommand.RecordingResult(record.file() + "." + record.format(), Duration.ZERO, Optional.empty());
        }
        if (command instanceof CallCommand.SetCallData set) {
            variables.put(set.name(), set.value());
            listener.event("data", Map.of("name", set.name(), "value", set.value()));
            return Done.DONE;
        }
        if (command instanceof CallCommand.GetCallData get) {
            return Optional.ofNullable(variables.get(get.name()));
        }
        if (command instanceof CallCommand.HangUp) {
            active = false;
            listener.event("hangup", Map.of("by", "ivr"));
            return Done.DONE;
        }
        throw new IllegalArgumentException("Unsupported call command: " + command);
    }

    /** Reports a prompt: its sound name, its version (0: shipped) and its transcript when known. */
    private void prompt(String sound) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sound", sound);
        prompts.played(sound).ifPresent(played -> {
            data.put("language", played.language());
            data.put("promptId", played.promptId());
            data.put("promptVersion", played.version());
            played.transcript().ifPresent(text -> data.put("transcript", text));
        });
        listener.event("prompt", data);
    }

    /** A key pressed ahead that is an allowed barge-in digit interrupts the prompt. */
    private PromptResult bargeIn(String allowed) {
        Input next = inputs.peekFirst();
        if (!allowed.isEmpty() && next instanceof Key key && allowed.indexOf(key.key()) >= 0 && inputs.remove(next)) {
            listener.event("digits", Map.of("digits", String.valueOf(key.key()), "ending", "BARGE_IN"));
            return new PromptResult(Optional.of(key.key()));
        }
        return PromptResult.COMPLETE;
    }

    private DigitsResult collectDigits(CallCommand.CollectDigits collect) {
        Map<String, Object> wait = new LinkedHashMap<>();
        wait.put("minDigits", collect.minDigits());
        wait.put("maxDigits", collect.maxDigits());
        wait.put("terminator", collect.terminator() == null ? "" : collect.terminator().toString());
        StringBuilder digits = new StringBuilder();
        waiting = true; // before the page hears of it: a silence it sends then is never lost
        try {
            listener.event("waiting", wait);
            while (true) {
                Input input;
                try {
                    input = inputs.pollFirst(inputTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    input = null;
                }
                if (input == null) {
                    // Nobody at the keypad for too long: the caller has gone.
                    listener.event("timeout", Map.of("seconds", inputTimeout.toSeconds()));
                    callerHangsUp();
                    input = new HangUp();
                }
                if (input instanceof HangUp) {
                    throw new CallHungUpException(info.callId());
                }
                if (input instanceof Silence) {
                    return result(digits.toString(), DigitsResult.Ending.TIMEOUT);
                }
                char key = ((Key) input).key();
                if (collect.terminator() != null && key == collect.terminator()) {
                    return result(digits.toString(), DigitsResult.Ending.TERMINATOR);
                }
                digits.append(key);
                listener.event("key", Map.of("key", String.valueOf(key)));
                if (digits.length() >= collect.maxDigits()) {
                    return result(digits.toString(), DigitsResult.Ending.MAX_DIGITS);
                }
            }
        } finally {
            waiting = false;
        }
    }

    private DigitsResult result(String digits, DigitsResult.Ending ending) {
        listener.event("digits", Map.of("digits", digits, "ending", ending.name()));
        return new DigitsResult(digits, ending);
    }
}
