package org.griot.callback;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.griot.audit.AuditEvent.Outcome;
import org.griot.audit.AuditTrail;
import org.griot.routing.Acd;
import org.griot.routing.QueuePolicy;
import org.griot.workflow.ProcessCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Takes callback requests (and messages left instead of waiting) and starts their process; tells the
 * process when the customer calls in again, so that Griot does not call twice.
 */
@Service
public class CallbackRequests {

    private static final Logger log = LoggerFactory.getLogger(CallbackRequests.class);
    public static final String PROCESS = "callback-request";
    static final String MESSAGE_ATTEMPTED = "callback-attempted";
    static final String MESSAGE_CALLED_IN = "customer-called-in";

    private final CallbackStore store;
    private final ProcessCommands processes;
    private final Acd acd;
    private final AuditTrail audit;
    private final java.nio.file.Path voicemailFolder;

    CallbackRequests(CallbackStore store, ProcessCommands processes, Acd acd, AuditTrail audit,
            @org.springframework.beans.factory.annotation.Value("${griot.callback.voicemail-folder:/var/spool/asterisk/recording}")
            String voicemailFolder) {
        this.store = store;
        this.processes = processes;
        this.acd = acd;
        this.audit = audit;
        this.voicemailFolder = java.nio.file.Path.of(voicemailFolder).toAbsolutePath().normalize();
    }

    /** Where Asterisk writes the messages callers leave (RECORD FILE), shared with Griot so agents can play them. */
    public String voicemailFolder() {
        return voicemailFolder.toString();
    }

    /** The audio of a request's message, when there is one and it is inside the voicemail folder. */
    public Optional<java.nio.file.Path> recording(long id) {
        return store.find(id).map(CallbackRequest::recording).filter(r -> r != null && !r.isBlank())
                .map(r -> java.nio.file.Path.of(r.endsWith(".wav") ? r : r + ".wav").toAbsolutePath().normalize())
                .filter(path -> path.startsWith(voicemailFolder) && java.nio.file.Files.isReadable(path));
    }

    /** What a caller asked for; {@code number} must be a dialable number (8 to 15 digits, optional +). */
    public record Ask(String number, String callerNumber, String queue, CallbackRequest.Origin origin, String language,
            Instant waitingSince, Instant windowStart, Instant windowEnd, String recording) {
    }

    /** Records the request and starts its process; returns its id. */
    public long request(Ask ask) {
        String number = normalise(ask.number());
        if (number == null) {
            throw new IllegalArgumentException("'" + ask.number() + "' is not a number Griot can call back (8 to 15 digits)");
        }
        if (acd.queue(ask.queue()).isEmpty()) {
            throw new IllegalArgumentException("No queue '" + ask.queue() + "' to call back from");
        }
        if (ask.windowStart() != null && ask.windowEnd() != null && !ask.windowEnd().isAfter(ask.windowStart())) {
            throw new IllegalArgumentException("The callback window ends before it starts");
        }
        QueuePolicy policy = acd.policy(ask.queue());
        Instant waitingSince = ask.waitingSince() == null ? Instant.now() : ask.waitingSince();
        long id = store.insert(number, ask.callerNumber(), ask.queue(), ask.origin(), ask.language(), waitingSince,
                ask.windowStart(), ask.windowEnd(), ask.recording());
        Map<String, Object> variables = new HashMap<>();
        variables.put("callbackId", id);
        variables.put("number", number);
        variables.put("queue", ask.queue());
        variables.put("maxAttempts", policy.maxAttempts());
        variables.put("attempts", 0);
        variables.put("windowStart", ask.windowStart() == null ? null : ask.windowStart().toString());
        variables.put("windowEnd", (ask.windowEnd() == null ? Instant.now().plus(java.time.Duration.ofDays(7)) : ask.windowEnd())
                .toString());
        variables.put("waitForWindow", ask.windowStart() != null && ask.windowStart().isAfter(Instant.now()));
        String instance = processes.start(PROCESS, CallbackRequest.businessKey(id), variables);
        store.processStarted(id, instance);
        log.info("Callback request {} for {} in {} ({}), process {}", id, number, ask.queue(), ask.origin(), instance);
        return id;
    }

    /**
     * The customer called in and waits for an agent now: their open requests end as merged and the
     * live call takes the earliest place they had.
     */
    public int customerCalledIn(String number, String liveCallId) {
        String normalised = normalise(number);
        if (normalised == null) {
            return 0;
        }
        int merged = 0;
        for (CallbackRequest request : store.open(normalised)) {
            if (processes.deliver(PROCESS, request.businessKey(), MESSAGE_CALLED_IN, Map.of("liveCallId", liveCallId))) {
                merged++;
            }
        }
        return merged;
    }

    /**
     * A supervisor cancels an open request (the customer asked not to be called, a wrong number): its
     * process ends with the reason, its place in line is given up; audited.
     */
    @org.springframework.security.access.prepost.PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
    public boolean cancel(long id, String reason) {
        CallbackRequest request = store.find(id).orElseThrow(() -> new IllegalArgumentException("No callback request " + id));
        if (request.state() != CallbackRequest.State.OPEN) {
            return false;
        }
        String why = reason == null || reason.isBlank() ? "cancelled" : reason.strip();
        acd.withdrawCallback(id);
        processes.cancel(PROCESS, request.businessKey(), "cancelled by " + AuditTrail.currentActor() + ": " + why);
        store.finish(id, CallbackRequest.State.CANCELLED, "CANCELLED");
        audit.record("CALLBACK_CANCELLED", "callback:" + id, request.number() + " " + request.state(), why, Outcome.SUCCESS);
        return true;
    }

    public Optional<CallbackRequest> find(long id) {
        return store.find(id);
    }

    public List<CallbackRequest> since(Instant since, int limit) {
        return store.since(since, limit);
    }

    /** The number as Griot dials it, or null when it cannot be called back (8 to 15 digits, optional +). */
    public static String normalise(String number) {
        if (number == null) {
            return null;
        }
        String digits = number.strip().replace(" ", "");
        return digits.matches("\\+?[0-9]{8,15}") ? digits : null;
    }
}
