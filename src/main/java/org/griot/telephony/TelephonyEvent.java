package org.griot.telephony;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Something that happened on the PBX, in Griot's terms. */
public sealed interface TelephonyEvent {

    Instant at();

    record CallArrived(Instant at, CallInfo call) implements TelephonyEvent {
    }

    record CallAnswered(Instant at, CallId call) implements TelephonyEvent {
    }

    record DigitsReceived(Instant at, CallId call, String digits) implements TelephonyEvent {
    }

    /** Two legs now talk to each other (e.g. a caller and an agent's phone). */
    record CallsBridged(Instant at, CallId call, CallId otherCall, String otherEndpoint) implements TelephonyEvent {
    }

    /** Griot tried to connect a waiting call to an agent's phone, which did not answer (or is busy or unreachable). */
    record AgentConnectFailed(Instant at, CallId call, String agentEndpoint, String reason) implements TelephonyEvent {
    }

    record CallTransferred(Instant at, CallId call, String destination) implements TelephonyEvent {
    }

    /** The call ended; {@code cause} is the Q.850 cause code (16 normal clearing, 17 busy, 19 no answer...). */
    record CallHungUp(Instant at, CallId call, int cause, String causeText) implements TelephonyEvent {
    }

    record OriginateResult(Instant at, String requestId, Outcome outcome, CallId call) implements TelephonyEvent {
        public enum Outcome { ANSWERED, NO_ANSWER, BUSY, FAILED }
    }

    record AgentPhoneStateChanged(Instant at, String endpoint, PhoneState state) implements TelephonyEvent {
    }

    /** The control link to the PBX went down or came back. */
    record PbxLinkChanged(Instant at, boolean up, String detail) implements TelephonyEvent {
    }

    /**
     * The calls the PBX really has, after a reconnect or a Griot restart: a call Griot believed alive
     * and absent here has ended while Griot was not listening.
     */
    record LiveCallsReconciled(Instant at, Set<CallId> liveCalls, List<HeldCall> held) implements TelephonyEvent {
        public LiveCallsReconciled {
            liveCalls = Set.copyOf(liveCalls);
            held = held == null ? List.of() : List.copyOf(held);
        }

        public LiveCallsReconciled(Instant at, Set<CallId> liveCalls) {
            this(at, liveCalls, List.of());
        }
    }

    /**
     * A caller the PBX still keeps in Griot's waiting area (on hold, or hearing their place in line),
     * with what Griot wrote on the call when it queued it: enough for the ACD to give a caller back
     * their place after a restart that lost it. {@code queue}, {@code priority}, {@code queuedAt} and
     * {@code language} are null when the call does not carry them; {@code channelCreatedAt} is when
     * the PBX created the call (its arrival when nothing better is known).
     */
    record HeldCall(CallId call, String callerNumber, Instant channelCreatedAt, String queue, Integer priority,
            Instant queuedAt, String language, List<String> skills) {
        public HeldCall {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(channelCreatedAt, "channelCreatedAt");
            skills = skills == null ? List.of() : List.copyOf(skills);
        }

        /** When the caller started waiting for an agent, as well as the PBX's call can tell. */
        public Instant waitingSince() {
            return queuedAt != null ? queuedAt : channelCreatedAt;
        }
    }

    enum PhoneState { REGISTERED, UNREACHABLE, IDLE, RINGING, BUSY }
}
