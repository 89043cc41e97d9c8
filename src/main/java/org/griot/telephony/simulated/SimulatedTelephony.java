package org.griot.telephony.simulated;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.griot.telephony.CallCommand;
import org.griot.telephony.CallHungUpException;
import org.griot.telephony.CallId;
import org.griot.telephony.CallInfo;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallScripts;
import org.griot.telephony.ControlCommand;
import org.griot.telephony.ControlCommand.Accepted;
import org.griot.telephony.TelephonyControl;
import org.griot.telephony.TelephonyEvent;
import org.griot.telephony.TelephonyEvent.PhoneState;
import org.griot.telephony.TelephonyEvents;
import org.griot.telephony.UnknownCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telephony port without a PBX: calls are placed in-process and served by the same
 * {@link CallScript}s as real ones; agent phones answer at once unless told otherwise. Used by the
 * demo run and by feature tests that are not about the wire protocols.
 */
public class SimulatedTelephony implements TelephonyControl, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedTelephony.class);

    /** What an agent or supervisor phone does when Griot rings it. */
    public enum PhoneBehaviour { ANSWERS, NEVER_ANSWERS, BUSY, UNREACHABLE }

    /** A placed call: its id, its session's commands so far, and the end of its script. */
    public record SimulatedCall(CallId id, CompletableFuture<Void> finished, SimulatedCallSession session) {
        public List<CallCommand<?>> commands() {
            return session.performed();
        }
    }

    /** Looked up when a call needs one: the scripts themselves (the IVR, via the ACD) depend on this PBX. */
    private final java.util.function.Supplier<CallScripts> scripts;
    private final TelephonyEvents events;
    private final Clock clock;
    private final ExecutorService callThreads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "simulated-call");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<CallId, SimulatedCallSession> live = new ConcurrentHashMap<>();
    private final Map<String, PhoneBehaviour> phones = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    public SimulatedTelephony(CallScripts scripts, TelephonyEvents events, Clock clock) {
        this(() -> scripts, events, clock);
    }

    public SimulatedTelephony(java.util.function.Supplier<CallScripts> scripts, TelephonyEvents events, Clock clock) {
        this.scripts = scripts;
        this.events = events;
        this.clock = clock;
    }

    /** A caller dials {@code dialedNumber}; the PBX hands the call to {@code script}. */
    public SimulatedCall placeCall(String callerNumber, String dialedNumber, String script, Map<String, String> parameters,
            SimulatedCaller caller) {
        return placeCall(callerNumber, dialedNumber, script, parameters, caller, Map.of());
    }

    /** The same, with channel variables set before the script starts (as an Originate's Variable headers). */
    public SimulatedCall placeCall(String callerNumber, String dialedNumber, String script, Map<String, String> parameters,
            SimulatedCaller caller, Map<String, String> channelVariables) {
        CallId id = new CallId("demo-" + clock.millis() / 1000 + "." + sequence.incrementAndGet());
        CallInfo info = new CallInfo(id, callerNumber, null, dialedNumber, script, parameters, List.of(), "fr",
                "SIM/trunk-" + id.value(), clock.instant());
        SimulatedCallSession session = new SimulatedCallSession(info, caller, events, clock, channelVariables);
        return new SimulatedCall(id, run(script, session, () -> { }), session);
    }

    public void phone(String endpoint, PhoneBehaviour behaviour) {
        phones.put(endpoint, behaviour);
        events.publish(new TelephonyEvent.AgentPhoneStateChanged(clock.instant(), endpoint,
                behaviour == PhoneBehaviour.UNREACHABLE ? PhoneState.UNREACHABLE : PhoneState.REGISTERED));
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> send(ControlCommand<R> command) {
        try {
            return (CompletableFuture<R>) CompletableFuture.completedFuture(perform(command));
        } catch (UnknownCallException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Accepted perform(ControlCommand<?> command) {
        if (command instanceof ControlCommand.Originate originate) {
            originate(originate);
            return new Accepted(originate.requestId());
        }
        if (command instanceof ControlCommand.ConnectToAgent connect) {
            ring(connect.call(), connect.agentEndpoint());
            return new Accepted(connect.agentEndpoint());
        }
        if (command instanceof ControlCommand.AnnouncePosition announce) {
            SimulatedCallSession session = live.get(announce.call());
            if (session == null) {
                throw new UnknownCallException(announce.call());
            }
            scripts.get().find("queue-position").ifPresent(script -> callThreads.execute(() -> {
                try {
                    script.serve(session);
                } catch (RuntimeException e) {
                    log.debug("Position announcement on simulated call {} ended: {}", announce.call(), e.getMessage());
                }
            }));
            return new Accepted(announce.call().value());
        }
        if (command instanceof ControlCommand.Transfer transfer) {
            events.publish(new TelephonyEvent.CallTransferred(clock.instant(), transfer.call(), transfer.destination()));
            return new Accepted(transfer.destination());
        }
        if (command instanceof ControlCommand.HangUpCall hangUp) {
            SimulatedCallSession session = live.remove(hangUp.call());
            if (session == null) {
                throw new UnknownCallException(hangUp.call());
            }
            session.hangUpFromFarEnd(16, "Normal Clearing");
            return new Accepted(hangUp.call().value());
        }
        if (command instanceof ControlCommand.ReportLiveCalls) {
            // Simulated calls live in this JVM: none is held anywhere Griot does not know.
            events.publish(new TelephonyEvent.LiveCallsReconciled(clock.instant(), java.util.Set.copyOf(live.keySet())));
            return new Accepted("reconciliation");
        }
        // Hold, recording and spying change nothing a test could observe without a PBX.
        return new Accepted(command.getClass().getSimpleName());
    }

    private void ring(CallId call, String endpoint) {
        if (!live.containsKey(call)) {
            throw new UnknownCallException(call);
        }
        PhoneBehaviour behaviour = phones.getOrDefault(endpoint, PhoneBehaviour.ANSWERS);
        events.publish(new TelephonyEvent.AgentPhoneStateChanged(clock.instant(), endpoint, PhoneState.RINGING));
        if (behaviour == PhoneBehaviour.ANSWERS) {
            CallId agentLeg = new CallId("demo-agent-" + sequence.incrementAndGet());
            events.publish(new TelephonyEvent.AgentPhoneStateChanged(clock.instant(), endpoint, PhoneState.BUSY));
            events.publish(new TelephonyEvent.CallsBridged(clock.instant(), call, agentLeg, endpoint));
        } else {
            String reason = switch (behaviour) {
                case BUSY -> "BUSY";
                case UNREACHABLE -> "CHANUNAVAIL";
                default -> "NOANSWER";
            };
            events.publish(new TelephonyEvent.AgentConnectFailed(clock.instant(), call, endpoint, reason));
            events.publish(new TelephonyEvent.AgentPhoneStateChanged(clock.instant(), endpoint,
                    behaviour == PhoneBehaviour.UNREACHABLE ? PhoneState.UNREACHABLE : PhoneState.IDLE));
        }
    }

    private void originate(ControlCommand.Originate originate) {
        PhoneBehaviour behaviour = originate.toEndpoint() ? phones.getOrDefault(originate.destination(), PhoneBehaviour.ANSWERS)
                : PhoneBehaviour.ANSWERS;
        if (behaviour != PhoneBehaviour.ANSWERS) {
            events.publish(new TelephonyEvent.OriginateResult(clock.instant(), originate.requestId(),
                    behaviour == PhoneBehaviour.BUSY ? TelephonyEvent.OriginateResult.Outcome.BUSY
                            : behaviour == PhoneBehaviour.NEVER_ANSWERS ? TelephonyEvent.OriginateResult.Outcome.NO_ANSWER
                                    : TelephonyEvent.OriginateResult.Outcome.FAILED,
                    null));
            return;
        }
        CallId id = new CallId("demo-" + clock.millis() / 1000 + "." + sequence.incrementAndGet());
        CallInfo info = new CallInfo(id, originate.callerId(), null, originate.destination(), originate.script(),
                Map.of("request", originate.requestId()), List.of(), "fr", "SIM/trunk-" + id.value(), clock.instant());
        SimulatedCallSession session = new SimulatedCallSession(info, SimulatedCaller.pressing(), events, clock,
                originate.variables());
        // As Asterisk: the originate's answer is reported before the answered leg's script runs.
        run(originate.script(), session, () -> events.publish(new TelephonyEvent.OriginateResult(clock.instant(),
                originate.requestId(), TelephonyEvent.OriginateResult.Outcome.ANSWERED, id)));
    }

    private CompletableFuture<Void> run(String scriptName, SimulatedCallSession session, Runnable beforeScript) {
        live.put(session.info().callId(), session);
        beforeScript.run();
        return CompletableFuture.runAsync(() -> {
            CallScript script = scripts.get().find(scriptName).orElse(null);
            try {
                if (script == null) {
                    log.error("Simulated call {} asked for unknown script '{}'", session.info().callId(), scriptName);
                    return;
                }
                events.publish(new TelephonyEvent.CallArrived(clock.instant(), session.info()));
                script.serve(session);
            } catch (CallHungUpException e) {
                log.debug("Simulated call {} hung up", session.info().callId());
            } catch (RuntimeException e) {
                log.error("Script {} failed on simulated call {}", scriptName, session.info().callId(), e);
            } finally {
                String next = session.variable("GRIOT_NEXT").orElse("");
                if (session.isActive() && next.startsWith("griot-hold")) {
                    // Parked for an agent, as Asterisk's griot-hold does: the call lives on until an agent
                    // takes it and hangs up (HangUpCall), or the script hung it up.
                    log.debug("Simulated call {} waits for an agent", session.info().callId());
                } else if (session.isActive() && next.startsWith("griot-connect,")) {
                    // As the dialplan's griot-connect,<agent>,1 (a callback's customer after the greeting).
                    ring(session.info().callId(), next.split(",")[1]);
                } else {
                    live.remove(session.info().callId());
                    session.hangUpFromFarEnd(16, "Normal Clearing");
                }
            }
        }, callThreads);
    }

    @Override
    public void close() {
        callThreads.shutdownNow();
    }
}
