package org.griot.telephony.simulated;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.griot.telephony.CallCommand;
import org.griot.telephony.CallCommand.DigitsResult;
import org.griot.telephony.CallCommand.Done;
import org.griot.telephony.CallCommand.PromptResult;
import org.griot.telephony.CallHungUpException;
import org.griot.telephony.CallInfo;
import org.griot.telephony.CallSession;
import org.griot.telephony.TelephonyEvent;
import org.griot.telephony.TelephonyEvents;

/** An in-process call: commands are answered from the {@link SimulatedCaller}'s script, instantly. */
final class SimulatedCallSession implements CallSession {

    private final CallInfo info;
    private final SimulatedCaller caller;
    private final TelephonyEvents events;
    private final Clock clock;
    private final Map<String, String> variables = new ConcurrentHashMap<>();
    private final List<CallCommand<?>> performed = new CopyOnWriteArrayList<>();
    private volatile boolean active = true;
    private volatile boolean answered;

    SimulatedCallSession(CallInfo info, SimulatedCaller caller, TelephonyEvents events, Clock clock, Map<String, String> channelVariables) {
        this(info, caller, events, clock);
        variables.putAll(channelVariables);
    }

    SimulatedCallSession(CallInfo info, SimulatedCaller caller, TelephonyEvents events, Clock clock) {
        this.info = info;
        this.caller = caller;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public CallInfo info() {
        return info;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    /** A channel variable the script set (e.g. GRIOT_NEXT, where the dialplan sends the call after the script). */
    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    List<CallCommand<?>> performed() {
        return List.copyOf(performed);
    }

    void hangUpFromFarEnd(int cause, String text) {
        if (active) {
            active = false;
            events.publish(new TelephonyEvent.CallHungUp(clock.instant(), info.callId(), cause, text));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R perform(CallCommand<R> command) {
        if (!active) {
            throw new CallHungUpException(info.callId());
        }
        performed.add(command);
        if (performed.size() >= caller.hangUpAfterCommands()) {
            hangUpFromFarEnd(16, "Normal Clearing");
            throw new CallHungUpException(info.callId());
        }
        return (R) answerTo(command);
    }

    private Object answerTo(CallCommand<?> command) {
        if (command instanceof CallCommand.Answer) {
            if (!answered) {
                answered = true;
                events.publish(new TelephonyEvent.CallAnswered(clock.instant(), info.callId()));
            }
            return Done.DONE;
        }
        if (command instanceof CallCommand.PlayPrompt play) {
            return bargeIn(play.bargeInDigits());
        }
        if (command instanceof CallCommand.SayDigits say) {
            return bargeIn(say.bargeInDigits());
        }
        if (command instanceof CallCommand.SayNumber say) {
            return bargeIn(say.bargeInDigits());
        }
        if (command instanceof CallCommand.CollectDigits collect) {
            return collectDigits(collect);
        }
        if (command instanceof CallCommand.RecordMessage record) {
            return new CallCommand.RecordingResult(record.file() + "." + record.format(), Duration.ofSeconds(5),
                    Optional.of('#'));
        }
        if (command instanceof CallCommand.SetCallData set) {
            variables.put(set.name(), set.value());
            return Done.DONE;
        }
        if (command instanceof CallCommand.GetCallData get) {
            return Optional.ofNullable(variables.get(get.name()));
        }
        if (command instanceof CallCommand.HangUp) {
            hangUpFromFarEnd(16, "Normal Clearing");
            return Done.DONE;
        }
        throw new IllegalArgumentException("Unsupported call command: " + command);
    }

    /** A prompt is interrupted when the caller's next press starts with an allowed barge-in digit. */
    private PromptResult bargeIn(String allowed) {
        if (allowed.isEmpty()) {
            return PromptResult.COMPLETE;
        }
        String press = caller.peekOrEmpty();
        if (!press.isEmpty() && allowed.indexOf(press.charAt(0)) >= 0) {
            caller.consumeFirstDigit();
            digits(String.valueOf(press.charAt(0)));
            return new PromptResult(Optional.of(press.charAt(0)));
        }
        return PromptResult.COMPLETE;
    }

    private DigitsResult collectDigits(CallCommand.CollectDigits collect) {
        String press = caller.nextPress();
        StringBuilder digits = new StringBuilder();
        for (char c : press.toCharArray()) {
            if (collect.terminator() != null && c == collect.terminator()) {
                digits(press);
                return new DigitsResult(digits.toString(), DigitsResult.Ending.TERMINATOR);
            }
            digits.append(c);
            if (digits.length() == collect.maxDigits()) {
                digits(digits.toString());
                return new DigitsResult(digits.toString(), DigitsResult.Ending.MAX_DIGITS);
            }
        }
        if (!press.isEmpty()) {
            digits(press);
        }
        return new DigitsResult(digits.toString(), DigitsResult.Ending.TIMEOUT);
    }

    private void digits(String digits) {
        events.publish(new TelephonyEvent.DigitsReceived(clock.instant(), info.callId(), digits));
    }
}
