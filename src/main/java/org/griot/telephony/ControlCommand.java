package org.griot.telephony;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** An action on calls or phones outside any call's own script, answered asynchronously. */
public sealed interface ControlCommand<R> {

    /**
     * Places an outbound call to {@code destination} (a customer number dialed through the operator
     * trunk, or an agent/supervisor endpoint when {@code toEndpoint}); once answered it runs the
     * script {@code script} (e.g. "callback"). The outcome arrives later as an {@link TelephonyEvent.OriginateResult}
     * carrying {@code requestId}.
     */
    record Originate(String requestId, String destination, boolean toEndpoint, String callerId, Duration ringTimeout,
            String script, Map<String, String> variables) implements ControlCommand<Accepted> {
        public Originate {
            Objects.requireNonNull(requestId, "requestId");
            requireDialable(destination);
            Objects.requireNonNull(ringTimeout, "ringTimeout");
            Objects.requireNonNull(script, "script");
            variables = variables == null ? Map.of() : Map.copyOf(variables);
        }
    }

    /** Rings an agent's phone and bridges the waiting caller to it when answered. */
    record ConnectToAgent(CallId call, String agentEndpoint, Duration ringTimeout) implements ControlCommand<Accepted> {
        public ConnectToAgent {
            Objects.requireNonNull(call, "call");
            requireDialable(agentEndpoint);
        }
    }

    /** Puts a call in the holding area (music on hold) where it waits for an agent. */
    record Hold(CallId call) implements ControlCommand<Accepted> {
    }

    /**
     * A waiting caller hears their place in line and the expected wait (the "queue-position" script),
     * then goes back to the holding area.
     */
    record AnnouncePosition(CallId call) implements ControlCommand<Accepted> {
        public AnnouncePosition {
            Objects.requireNonNull(call, "call");
        }
    }

    /** Transfers a call to a number or endpoint (blind transfer). */
    record Transfer(CallId call, String destination) implements ControlCommand<Accepted> {
        public Transfer {
            requireDialable(destination);
        }
    }

    /** Starts recording both sides of a call to {@code file} (no extension). */
    record StartRecording(CallId call, String file) implements ControlCommand<Accepted> {
    }

    /** Stops the recording of a call. */
    record StopRecording(CallId call) implements ControlCommand<Accepted> {
    }

    /** A supervisor's phone joins an agent's call: listen, whisper to the agent, or barge in. */
    record Spy(String supervisorEndpoint, CallId agentCall, SpyMode mode) implements ControlCommand<Accepted> {
        public Spy {
            requireDialable(supervisorEndpoint);
            Objects.requireNonNull(agentCall, "agentCall");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /**
     * Asks the PBX which calls it has now; the answer arrives as a {@link TelephonyEvent.LiveCallsReconciled}
     * (e.g. when a node starts dispatching and must learn which callers still wait).
     */
    record ReportLiveCalls() implements ControlCommand<Accepted> {
    }

    /** Ends a call. */
    record HangUpCall(CallId call) implements ControlCommand<Accepted> {
    }

    enum SpyMode { LISTEN, WHISPER, BARGE }

    /** The PBX accepted the command (its effects arrive as events). */
    record Accepted(String reference) {
    }

    private static void requireDialable(String destination) {
        if (destination == null || !destination.matches("[+0-9A-Za-z_.-]{1,64}")) {
            throw new IllegalArgumentException("not a dialable number or endpoint: " + destination);
        }
    }
}
