package org.griot.ivr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.griot.telephony.CallHungUpException;
import org.griot.telephony.CallId;
import org.griot.telephony.CallInfo;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallScripts;
import org.griot.workflow.CallProcesses;
import org.griot.workflow.ProcessDiagrams;
import org.griot.workflow.ProcessStep;
import org.griot.workflow.ProcessVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The browser IVR simulator: an analyst places a real call of the "ivr" script (the same script,
 * process, rules and self-care lookups as a caller on the phone) whose line is their browser. The
 * call runs on its own thread and blocks while it waits for the analyst's keys; each prompt, step
 * and outcome becomes a {@link SimulatorEvent} pushed to the page.
 *
 * <p>Simulated calls have ids starting with {@value #CALL_ID_PREFIX} (the business key of their
 * process, so history tells them apart) and run the staging version unless production is asked for.
 */
@Service
class IvrSimulator implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IvrSimulator.class);

    static final String CALL_ID_PREFIX = "sim-web-";
    static final Duration INPUT_TIMEOUT = Duration.ofMinutes(5);
    static final int MAX_LIVE_CALLS = 20;
    private static final Duration KEPT_AFTER_END = Duration.ofMinutes(30);

    private final CallScripts scripts;
    private final CallProcesses processes;
    private final ProcessDiagrams diagrams;
    private final PromptReleases prompts;
    private final Clock clock;
    private final Map<String, SimulatorCall> calls = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadPoolExecutor callThreads = new ThreadPoolExecutor(0, MAX_LIVE_CALLS, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread thread = new Thread(r, "ivr-simulator-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    IvrSimulator(CallScripts scripts, CallProcesses processes, ProcessDiagrams diagrams, PromptReleases prompts, Clock clock) {
        this.scripts = scripts;
        this.processes = processes;
        this.diagrams = diagrams;
        this.prompts = prompts;
        this.clock = clock;
    }

    /**
     * Dials {@code serviceNumber} from {@code callerNumber}; returns once the call's process has started
     * (so the page can draw its version), or at the latest after a few seconds.
     */
    @PreAuthorize("hasRole('ANALYST')")
    public SimulatorCall start(String owner, String callerNumber, String serviceNumber, boolean staging) {
        forgetOldCalls();
        CallScript script = scripts.find("ivr").orElseThrow(() -> new IllegalStateException("No ivr call script"));
        String id = CALL_ID_PREFIX + clock.millis() + "-" + UUID.randomUUID().toString().substring(0, 8);
        SimulatorCall call = new SimulatorCall(id, owner, callerNumber, serviceNumber, staging, clock.instant());
        Map<String, String> parameters = staging ? Map.of("env", "staging", "simulator", "browser") : Map.of("simulator", "browser");
        CallInfo info = new CallInfo(new CallId(id), callerNumber, null, serviceNumber, "ivr", parameters, List.of(),
                PromptCatalog.DEFAULT_LANGUAGE, "BROWSER/" + id, clock.instant());
        BrowserCallSession session = new BrowserCallSession(info, prompts, INPUT_TIMEOUT, new Follower(call));
        call.attach(session);
        Map<String, Object> placed = new LinkedHashMap<>();
        placed.put("callId", id);
        placed.put("callerNumber", callerNumber);
        placed.put("serviceNumber", serviceNumber);
        placed.put("environment", staging ? "staging" : "production");
        call.publish("call", placed);
        calls.put(id, call);
        try {
            callThreads.execute(() -> run(script, session, call));
        } catch (RejectedExecutionException e) {
            calls.remove(id);
            throw new TooManySimulatedCallsException();
        }
        try {
            call.await(event -> event.type().equals("process") || event.type().equals("ended"), Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return call;
    }

    /** A call of this analyst (an analyst sees and drives only their own simulated calls). */
    @PreAuthorize("hasRole('ANALYST')")
    public Optional<SimulatorCall> find(String id, String owner) {
        return Optional.ofNullable(calls.get(id)).filter(call -> call.owner().equals(owner));
    }

    /** The process version a call runs (known once its process has started). */
    Optional<ProcessVersion> versionOf(SimulatorCall call) {
        return call.definitionId().flatMap(diagrams::definition);
    }

    private void run(CallScript script, BrowserCallSession session, SimulatorCall call) {
        String failure = null;
        boolean hungUp = false;
        try {
            script.serve(session);
        } catch (CallHungUpException e) {
            hungUp = true;
        } catch (RuntimeException e) {
            log.error("Simulated call {} failed", call.id(), e);
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        try {
            call.end(outcome(call, hungUp, failure));
        } catch (RuntimeException e) {
            log.error("Simulated call {}: could not read its outcome", call.id(), e);
            call.end(Map.of("outcome", "failed", "error", String.valueOf(e.getMessage())));
        }
    }

    private Map<String, Object> outcome(SimulatorCall call, boolean hungUp, String failure) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        Map<String, Object> variables = call.processInstanceId().map(processes::variables).orElse(Map.of());
        call.processInstanceId().ifPresent(id -> outcome.put("path", processes.path(id)));
        if (failure != null) {
            outcome.put("outcome", "failed");
            outcome.put("error", failure);
        } else if (hungUp) {
            outcome.put("outcome", "hung-up");
        } else if (variables.get("routingQueue") != null) {
            outcome.put("outcome", "queued");
        } else if (variables.get("transferredTo") != null) {
            outcome.put("outcome", "transferred");
            outcome.put("transferredTo", String.valueOf(variables.get("transferredTo")));
        } else {
            outcome.put("outcome", "served");
        }
        for (String name : List.of("routingQueue", "routingPriority", "routingSkills", "routingExplanation", "language")) {
            if (variables.get(name) != null) {
                outcome.put(name, String.valueOf(variables.get(name)));
            }
        }
        return outcome;
    }

    private void forgetOldCalls() {
        Instant horizon = clock.instant().minus(KEPT_AFTER_END);
        calls.values().removeIf(call -> call.endedAt().map(at -> at.isBefore(horizon)).orElse(false));
    }

    @Override
    public void destroy() {
        calls.values().forEach(SimulatorCall::hangUp);
        callThreads.shutdownNow();
    }

    /** Turns the session's reports into the call's events, the path so far included at each step. */
    private final class Follower implements BrowserCallSession.Listener {

        private final SimulatorCall call;

        Follower(SimulatorCall call) {
            this.call = call;
        }

        @Override
        public void processStarted(String processInstanceId, String definitionId) {
            call.processStarted(processInstanceId, definitionId);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("processInstanceId", processInstanceId);
            data.put("definitionId", definitionId);
            diagrams.definition(definitionId).ifPresent(version -> {
                data.put("processKey", version.key());
                data.put("version", version.version());
            });
            call.publish("process", data);
        }

        @Override
        public void stepStarted(ProcessStep step) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("activityId", step.activityId());
            data.put("kind", step.kind());
            data.put("path", processes.path(step.processInstanceId()));
            call.publish("step", data);
        }

        @Override
        public void event(String type, Map<String, Object> data) {
            call.publish(type, data);
        }
    }

    /** Every simulator line is busy. */
    static class TooManySimulatedCallsException extends RuntimeException {
        TooManySimulatedCallsException() {
            super("Too many simulated calls at once (" + MAX_LIVE_CALLS + ")");
        }
    }
}
