package org.griot.telephony.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * What a simulated customer does: the DTMF they key in, when they hang up, and (for outbound calls)
 * whether they answer. Build it fluently, then {@link #start()} an inbound call; for outbound
 * customers register it with {@link FakeAsterisk#customer(String)} and read {@link #call()}.
 *
 * <p>Input steps are consumed one per digit-collecting AGI command (STREAM FILE / SAY / GET OPTION
 * with escape digits, GET DATA, WAIT FOR DIGIT, RECORD FILE with escape digits), in order.
 */
public final class CallScript implements Callee {

    enum StepKind { PRESS, PRESS_AFTER_PROMPT, NO_INPUT }

    static final class Step {
        final StepKind kind;
        final String digits;

        Step(StepKind kind, String digits) {
            this.kind = kind;
            this.digits = digits;
        }
    }

    private final Pbx pbx;
    final String number;
    final String dialed;
    volatile String callerName;
    private final Deque<Step> steps = new ArrayDeque<>();
    volatile Duration hangUpAfter;
    volatile int hangUpDuringCollection = -1;
    volatile int ringsBeforeAnswer = 1;
    volatile boolean busy;
    volatile boolean reachable = true;
    // fault injection on the FastAGI session of this call
    volatile int rawReplyAfterCommands = -1;
    volatile String rawReply;
    volatile int stopRespondingAfterCommands = -1;
    volatile int closeAgiAfterCommands = -1;
    final SimulatedCall call;

    CallScript(Pbx pbx, String number, String dialed) {
        this.pbx = pbx;
        this.number = Objects.requireNonNull(number);
        this.dialed = dialed;
        this.callerName = number;
        this.call = new SimulatedCall(pbx, this);
    }

    /** Caller ID name (defaults to the number, as operators usually send no name). */
    public CallScript callerName(String name) {
        this.callerName = name;
        return this;
    }

    /** Keys digits while the next digit-collecting command plays its prompt (interrupting it). */
    public CallScript press(String digits) {
        return step(StepKind.PRESS, digits);
    }

    /** Keys digits only once the prompt of the next digit-collecting command has finished. */
    public CallScript pressAfterPrompt(String digits) {
        return step(StepKind.PRESS_AFTER_PROMPT, digits);
    }

    /** Keys nothing during the next digit-collecting command (GET DATA / WAIT FOR DIGIT time out). */
    public CallScript noInput() {
        return step(StepKind.NO_INPUT, "");
    }

    /** Hangs up while the n-th digit-collecting command (1-based) is running. */
    public CallScript hangUpDuringCollection(int n) {
        this.hangUpDuringCollection = n;
        return this;
    }

    /** Hangs up after this much simulated time since the call started (see README: time model). */
    public CallScript hangUpAfter(Duration simulated) {
        this.hangUpAfter = simulated;
        return this;
    }

    /** Outbound customer: answers after this many rings (default 1). */
    public CallScript answersAfterRings(int rings) {
        this.ringsBeforeAnswer = rings;
        return this;
    }

    /** Outbound customer: lets it ring until the originate times out. */
    public CallScript neverAnswers() {
        this.ringsBeforeAnswer = -1;
        return this;
    }

    /** Outbound customer: answers busy (DialStatus BUSY, OriginateResponse Reason 5). */
    public CallScript busy() {
        this.busy = true;
        return this;
    }

    /** Outbound customer: the number cannot be reached at all (Reason 0 / CHANUNAVAIL). */
    public CallScript unreachable() {
        this.reachable = false;
        return this;
    }

    /** Fault: after n AGI commands, send this raw text (garbage, truncated line...) instead of the next reply. */
    public CallScript agiRawReplyAfterCommands(int n, String raw) {
        this.rawReplyAfterCommands = n;
        this.rawReply = raw;
        return this;
    }

    /** Fault: after n AGI commands, stop answering but keep the socket open (a hung Asterisk thread). */
    public CallScript agiStopRespondingAfterCommands(int n) {
        this.stopRespondingAfterCommands = n;
        return this;
    }

    /** Fault: after n AGI commands, close the FastAGI socket abruptly (no HANGUP line). */
    public CallScript agiCloseAfterCommands(int n) {
        this.closeAgiAfterCommands = n;
        return this;
    }

    /** Places the inbound call: caller {@code number} dials {@code dialed} on the trunk. */
    public SimulatedCall start() {
        if (dialed == null) {
            throw new IllegalStateException("an outbound customer script is started by an AMI Originate");
        }
        pbx.startInboundCall(this);
        return call;
    }

    /** The handle of the call this script drives (for outbound customers: once originated). */
    public SimulatedCall call() {
        return call;
    }

    synchronized Step nextStep() {
        return steps.pollFirst();
    }

    private synchronized CallScript step(StepKind kind, String digits) {
        steps.addLast(new Step(kind, digits));
        return this;
    }

    // Callee (outbound customer)
    @Override
    public String number() {
        return number;
    }

    @Override
    public String displayName() {
        return callerName;
    }

    @Override
    public boolean isReachable() {
        return reachable;
    }

    @Override
    public boolean isBusy() {
        return busy;
    }

    @Override
    public int ringsBeforeAnswer() {
        return ringsBeforeAnswer;
    }

    @Override
    public Duration hangsUpAfter() {
        return hangUpAfter;
    }
}
