package org.griot.telephony.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Handle on one simulated call (inbound caller, or outbound customer leg): wait for its end and read
 * what happened on the wire — AGI commands received, replies sent, AMI events emitted, hangup cause.
 */
public final class SimulatedCall {

    private final Pbx pbx;
    private final CallScript script;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    final List<String> agiCommands = new CopyOnWriteArrayList<>();
    final List<String> agiReplies = new CopyOnWriteArrayList<>();
    final List<AmiMessage> events = new CopyOnWriteArrayList<>();
    final List<String> agiEnvironment = new CopyOnWriteArrayList<>();
    volatile Channel channel;
    volatile ChannelRunner runner;
    volatile int hangupCause = -1;
    volatile String hangupCauseText;
    volatile String failure;
    /** Simulated time elapsed on this call (advanced by prompts, timeouts, rings, holds). */
    volatile long simulatedNanos;
    volatile int collections;

    SimulatedCall(Pbx pbx, CallScript script) {
        this.pbx = pbx;
        this.script = script;
    }

    /** Waits (real time) until the call's channel exists. */
    public boolean awaitStarted(Duration realTimeout) throws InterruptedException {
        return started.await(realTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits (real time) until the call's last Hangup event was emitted. */
    public boolean awaitEnd(Duration realTimeout) throws InterruptedException {
        return ended.await(realTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isEnded() {
        return ended.getCount() == 0;
    }

    /** The caller's (or customer's) channel name, e.g. {@code PJSIP/trunk-00000001}; null before it exists. */
    public String channelName() {
        Channel c = channel;
        return c == null ? null : c.name;
    }

    public String uniqueid() {
        Channel c = channel;
        return c == null ? null : c.uniqueid;
    }

    /** The AGI command lines received from the FastAGI server, verbatim. */
    public List<String> agiCommands() {
        return List.copyOf(agiCommands);
    }

    /** Every line sent to the FastAGI server after the environment (replies, usage lines, HANGUP). */
    public List<String> agiReplies() {
        return List.copyOf(agiReplies);
    }

    /** The {@code agi_*} environment lines sent, without the final blank line. */
    public List<String> agiEnvironment() {
        return List.copyOf(agiEnvironment);
    }

    /** The AMI events emitted for this call's channels, in emission order. */
    public List<AmiMessage> events() {
        return List.copyOf(events);
    }

    public List<String> eventNames() {
        List<String> names = new ArrayList<>();
        for (AmiMessage e : events) {
            names.add(e.eventName());
        }
        return names;
    }

    /** Cause of the caller channel's Hangup event (16 normal clearing, 0 unknown...), -1 while up. */
    public int hangupCause() {
        return hangupCause;
    }

    public String hangupCauseText() {
        return hangupCauseText;
    }

    /** Why the call could not proceed (e.g. FastAGI connection refused), null if it did. */
    public String failure() {
        return failure;
    }

    public Duration simulatedDuration() {
        return Duration.ofNanos(simulatedNanos);
    }

    /** A channel variable as the dialplan sees it (set by SET VARIABLE, Setvar, Originate...). */
    public String variable(String name) {
        Channel c = channel;
        return c == null ? null : c.readVariable(name);
    }

    /** The customer hangs up now (SIP BYE), whatever the script says. */
    public void hangUp() {
        ChannelRunner r = runner;
        if (r != null) {
            r.remoteHangup();
        }
    }

    CallScript script() {
        return script;
    }

    void markStarted(Channel channel, ChannelRunner runner) {
        this.channel = channel;
        this.runner = runner;
        started.countDown();
    }

    void markEnded(int cause, String causeText) {
        this.hangupCause = cause;
        this.hangupCauseText = causeText;
        started.countDown();
        ended.countDown();
    }
}
