package org.griot.telephony.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fault injection on the AMI side (FastAGI faults are per call, on {@link CallScript}). Used to test
 * the adapter's reconnection, action timeouts and robustness against malformed input.
 */
public final class Faults {

    private final Pbx pbx;
    final Map<String, Duration> delayedActions = new ConcurrentHashMap<>();
    final Map<String, Boolean> unansweredActions = new ConcurrentHashMap<>();

    Faults(Pbx pbx) {
        this.pbx = pbx;
    }

    /** Closes every AMI connection at once, like an Asterisk restart. */
    public void dropAmiConnections() {
        pbx.ami().dropAll();
    }

    /** Closes every AMI connection and refuses new ones (port closed) for this real duration. */
    public void restartAmi(Duration realDowntime) {
        pbx.ami().restart(realDowntime);
    }

    /** Answers this action (e.g. "Originate") only after a real delay. */
    public void delayAction(String action, Duration real) {
        delayedActions.put(action.toLowerCase(Locale.ROOT), real);
    }

    /** Never answers this action (the client must time out); other actions still work. */
    public void neverAnswer(String action) {
        unansweredActions.put(action.toLowerCase(Locale.ROOT), Boolean.TRUE);
    }

    /** Undoes {@link #delayAction} and {@link #neverAnswer}. */
    public void answerNormally() {
        delayedActions.clear();
        unansweredActions.clear();
    }

    /** Writes raw bytes (garbage, truncated messages...) to every open AMI connection. */
    public void sendRawToAmi(String raw) {
        pbx.ami().sendRaw(raw);
    }

    /** Half-open sockets: stops reading and writing on every AMI connection, leaving them open. */
    public void freezeAmi() {
        pbx.ami().freeze(true);
    }

    public void unfreezeAmi() {
        pbx.ami().freeze(false);
    }

    Duration delayOf(String action) {
        return delayedActions.get(action.toLowerCase(Locale.ROOT));
    }

    boolean neverAnswers(String action) {
        return unansweredActions.containsKey(action.toLowerCase(Locale.ROOT));
    }
}
