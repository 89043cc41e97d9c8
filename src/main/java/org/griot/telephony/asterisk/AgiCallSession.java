package org.griot.telephony.asterisk;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.griot.telephony.CallCommand;
import org.griot.telephony.CallCommand.CollectDigits;
import org.griot.telephony.CallCommand.DigitsResult;
import org.griot.telephony.CallCommand.Done;
import org.griot.telephony.CallCommand.PromptResult;
import org.griot.telephony.CallHungUpException;
import org.griot.telephony.CallInfo;
import org.griot.telephony.CallSession;
import org.griot.telephony.TelephonyException;
import org.griot.telephony.WaitingCallData;

/**
 * A call's FastAGI session as a {@link CallSession}: each command is one AGI exchange on the
 * session's socket. A hang-up (AGI "HANGUP", result -1, or a dead channel) makes this and every
 * later command throw {@link CallHungUpException}.
 */
final class AgiCallSession implements CallSession {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AgiCallSession.class);

    private final CallInfo info;
    private final AgiChannel channel;
    private final AsteriskChannels channels;
    private volatile boolean active = true;

    AgiCallSession(CallInfo info, AgiChannel channel, AsteriskChannels channels) {
        this.info = info;
        this.channel = channel;
        this.channels = channels;
    }

    @Override
    public CallInfo info() {
        return info;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R perform(CallCommand<R> command) {
        if (!active) {
            throw new CallHungUpException(info.callId());
        }
        try {
            return (R) dispatch(command);
        } catch (AgiHangupException e) {
            active = false;
            throw new CallHungUpException(info.callId());
        } catch (AgiException e) {
            throw new TelephonyException("AGI " + command + " failed on " + info.callId() + ": " + e.getMessage(), e);
        }
    }

    private Object dispatch(CallCommand<?> command) throws AgiException {
        if (command instanceof CallCommand.Answer) {
            channel.answer();
            return Done.DONE;
        }
        if (command instanceof CallCommand.PlayPrompt play) {
            return prompt(channel.streamFile(play.prompt(), play.bargeInDigits()));
        }
        if (command instanceof CollectDigits collect) {
            return collectDigits(collect);
        }
        if (command instanceof CallCommand.SayDigits say) {
            return prompt(channel.sayDigits(say.digits(), say.bargeInDigits()));
        }
        if (command instanceof CallCommand.SayNumber say) {
            return prompt(channel.sayNumber(Long.toString(say.number()), say.bargeInDigits()));
        }
        if (command instanceof CallCommand.RecordMessage record) {
            Instant started = Instant.now();
            char stop = channel.recordFile(record.file(), record.format(), record.stopDigits(),
                    (int) record.maxDuration().toMillis(), 0, record.beep(),
                    record.silence() == null ? 0 : (int) record.silence().toSeconds());
            checkAlive(channel.getLastReply().getResultCode());
            return new CallCommand.RecordingResult(record.file() + "." + record.format(),
                    Duration.between(started, Instant.now()), digit(stop));
        }
        if (command instanceof CallCommand.SetCallData set) {
            channel.setVariable(set.name(), set.value());
            if (WaitingCallData.RING_TIMEOUT.equals(set.name())) { // connecting the call then needs no SetVar
                channels.ringTimeoutSet(info.callId().value(), set.value());
            }
            return Done.DONE;
        }
        if (command instanceof CallCommand.GetCallData get) {
            return Optional.ofNullable(channel.getVariable(get.name()));
        }
        if (command instanceof CallCommand.HangUp) {
            channel.hangup();
            active = false;
            return Done.DONE;
        }
        throw new IllegalArgumentException("Unsupported call command: " + command);
    }

    /**
     * GET DATA handles the '#' terminator itself; any other terminator, or none, is collected digit by
     * digit with WAIT FOR DIGIT so the terminator never counts as a digit.
     */
    private DigitsResult collectDigits(CollectDigits collect) throws AgiException {
        long timeout = collect.timeout().toMillis();
        if (collect.terminator() != null && collect.terminator() == '#') {
            String prompt = collect.prompt() == null ? "silence/1" : collect.prompt();
            String digits = channel.getData(prompt, timeout, collect.maxDigits());
            // "200 result= (timeout)" when nothing was pressed; "200 result=-1" when the caller hung up.
            boolean timedOut = "timeout".equals(channel.getLastReply().getExtra());
            if (!timedOut) {
                checkAlive(channel.getLastReply().getResultCode());
            }
            String collected = digits == null ? "" : digits;
            DigitsResult.Ending ending = collected.length() >= collect.maxDigits() ? DigitsResult.Ending.MAX_DIGITS
                    : timedOut ? DigitsResult.Ending.TIMEOUT : DigitsResult.Ending.TERMINATOR;
            return new DigitsResult(collected, ending);
        }
        StringBuilder digits = new StringBuilder();
        if (collect.prompt() != null) {
            char first = channel.streamFile(collect.prompt(), "0123456789*#");
            checkAlive(channel.getLastReply().getResultCode());
            if (first != 0) {
                if (collect.terminator() != null && first == collect.terminator()) {
                    return new DigitsResult("", DigitsResult.Ending.TERMINATOR);
                }
                digits.append(first);
            }
        }
        while (digits.length() < collect.maxDigits()) {
            char digit = channel.waitForDigit((int) timeout);
            checkAlive(channel.getLastReply().getResultCode());
            if (digit == 0) {
                return new DigitsResult(digits.toString(), DigitsResult.Ending.TIMEOUT);
            }
            if (collect.terminator() != null && digit == collect.terminator()) {
                return new DigitsResult(digits.toString(), DigitsResult.Ending.TERMINATOR);
            }
            digits.append(digit);
        }
        return new DigitsResult(digits.toString(), DigitsResult.Ending.MAX_DIGITS);
    }

    private PromptResult prompt(char digit) throws AgiException {
        checkAlive(channel.getLastReply().getResultCode());
        return digit == 0 ? PromptResult.COMPLETE : new PromptResult(Optional.of(digit));
    }

    /**
     * Asterisk answers -1 to the running command when the caller hangs up, but also to STREAM FILE of
     * a missing sound file: CHANNEL STATUS tells them apart (a dead channel answers 511, which
     * asterisk-java raises as a hang-up, or the pending HANGUP line does).
     */
    private void checkAlive(int resultCode) throws AgiException {
        if (resultCode == -1) {
            try {
                channel.getChannelStatus();
            } catch (AgiHangupException e) {
                active = false;
                throw e;
            }
            log.warn("Call {}: a command failed with result -1 on a live channel (missing sound file?)", info.callId());
        }
    }

    private static Optional<Character> digit(char c) {
        return c == 0 ? Optional.empty() : Optional.of(c);
    }
}
