package org.griot.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.griot.telephony.CallId;
import org.griot.telephony.ControlCommand;
import org.griot.telephony.TelephonyControl;
import org.griot.telephony.TelephonyEvent;
import org.griot.telephony.TelephonyEvents;
import org.griot.telephony.UnknownCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ACD: which waiting contact goes to which agent, and when.
 *
 * <p>All state changes run on one thread (the dispatcher), so decisions need no locks and take
 * microseconds; every change is written to MariaDB before it is acted on (a restart reloads the
 * queues in order, DESIGN rule 5). One node runs the dispatcher at a time: it holds a lease row in
 * the database and renews it (rule 7); on another node the desk commands are refused with a clear
 * reason.
 *
 * <p>Order: inside a queue, priority then arrival. A contact goes to the longest-idle available agent
 * who serves its queue and has its skills at the level the queue requires, a level relaxed as the
 * wait grows. An agent whose phone rings unanswered is paused ("no-answer") and the contact keeps its
 * place (its arrival time), so it is the next one served.
 */
@Service
public class Acd implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Acd.class);
    /** How long a contact the PBX refused to connect waits before it is offered again. */
    private static final Duration RETRY_AFTER_REFUSAL = Duration.ofSeconds(2);
    /** Beyond the ring time: when no answer nor failure arrived, the offer is treated as unanswered. */
    private static final Duration LOST_RING_GRACE = Duration.ofSeconds(5);
    public static final String PAUSE_NO_ANSWER = "no-answer";
    public static final String PAUSE_LOGIN = "login";
    public static final String PAUSE_PHONE_UNREACHABLE = "phone-unreachable";

    private final RoutingStore store;
    private final TelephonyControl telephony;
    private final TelephonyEvents events;
    private final Clock clock;
    private final RoutingProperties properties;
    private final TransactionTemplate transactions;
    private final List<AcdListener> listeners = new CopyOnWriteArrayList<>();
    private final Timer decisions;
    private final Timer connects;
    private final Consumer<TelephonyEvent> subscriber = event -> execute(() -> onTelephony(event));

    private volatile ScheduledExecutorService loop;
    private volatile Thread loopThread;
    private volatile boolean leader;

    // Owned by the dispatcher thread.
    private final Map<String, QueueSettings> queues = new HashMap<>();
    private final Map<String, Agent> agents = new HashMap<>();
    private final Map<Long, Contact> contacts = new HashMap<>();
    private final Map<String, Contact> byCall = new HashMap<>();
    private final Map<String, Contact> byAgentLeg = new HashMap<>();
    private final Map<String, Contact> originates = new HashMap<>();
    /** Read by the IVR's threads too (policy of a queue), written by the dispatcher. */
    private final Map<String, QueuePolicy> policies = new java.util.concurrent.ConcurrentHashMap<>();
    private final Dispatch dispatch = new Dispatch(queues);
    /** Recent average talk time per queue (exponential moving average), for expected-wait announcements. */
    private final Map<String, Double> talkSeconds = new HashMap<>();
    private static final double DEFAULT_TALK_SECONDS = 180;
    private volatile int waitingGauge;
    private Instant lastAdoption;
    /**
     * Between taking the dispatcher's role and the PBX's list of calls, nobody is offered a call: a
     * caller the PBX holds without a contact must get their place back before later callers are served.
     */
    private boolean awaitingPbx;
    private static final Duration PBX_LIST_WAIT = Duration.ofSeconds(10);
    /** When the dispatcher started the task at hand (an event, a command, a tick): the start of connect latency. */
    private long taskStartNanos;

    Acd(RoutingStore store, TelephonyControl telephony, TelephonyEvents events, Clock clock, RoutingProperties properties,
            TransactionTemplate transactions, MeterRegistry meters) {
        this.store = store;
        this.telephony = telephony;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
        this.transactions = transactions;
        this.decisions = Timer.builder("griot.acd.decision")
                .description("Time to pick an agent for a contact or a contact for an agent (no I/O)")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.connects = Timer.builder("griot.acd.connect")
                .description("From the moment Griot learns an agent or a contact is free to the PBX accepting the connection")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("griot.acd.waiting", this, acd -> acd.waitingGauge).description("Contacts waiting for an agent")
                .register(meters);
    }

    public void addListener(AcdListener listener) {
        listeners.add(listener);
    }

    // ================================================================== lifecycle

    @Override
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "acd-dispatcher");
            thread.setDaemon(true);
            loopThread = thread;
            return thread;
        });
        events.subscribe(subscriber);
        long tick = properties.tick().toMillis();
        loop.scheduleWithFixedDelay(this::guarded, 0, Math.max(50, tick), TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(this::renewLease, properties.lease().toMillis() / 3, properties.lease().toMillis() / 3,
                TimeUnit.MILLISECONDS);
        // The first lease attempt (and the reload) runs before any command can be queued behind it.
        try {
            loop.submit(this::renewLease).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.error("The ACD could not load its state at start", e);
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = loop;
        if (running == null) {
            return;
        }
        events.unsubscribe(subscriber);
        try {
            running.submit(() -> {
                if (leader) {
                    store.releaseLease(properties.nodeId());
                }
                leader = false;
                clearState();
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("The ACD did not stop cleanly", e);
        }
        running.shutdownNow();
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    /** True when this node runs the dispatcher (holds the lease). */
    public boolean isDispatcher() {
        return leader;
    }

    private void renewLease() {
        boolean held;
        try {
            held = store.holdLease(properties.nodeId(), properties.lease());
        } catch (RuntimeException e) {
            log.warn("Cannot renew the ACD dispatcher lease: {}", e.getMessage());
            held = false;
        }
        if (held && !leader) {
            leader = true;
            log.info("This node ({}) runs the ACD dispatcher", properties.nodeId());
            reload();
        } else if (!held && leader) {
            log.warn("This node ({}) lost the ACD dispatcher lease; another node takes over", properties.nodeId());
            leader = false;
            clearState();
        }
    }

    private void clearState() {
        lastAdoption = null;
        awaitingPbx = false;
        queues.clear();
        agents.clear();
        contacts.clear();
        byCall.clear();
        byAgentLeg.clear();
        originates.clear();
        dispatch.clear();
        waitingGauge = 0;
    }

    /** Loads everything from MariaDB: the queues in order, agents where they were, offers in flight back in line. */
    private void reload() {
        clearState();
        Instant now = clock.instant();
        loadConfiguration();
        for (Agent agent : store.agents()) {
            agents.put(agent.id, agent);
        }
        for (Contact contact : store.openContacts()) {
            contacts.put(contact.id, contact);
            byCall.put(contact.callId, contact);
            if (contact.state == ContactState.OFFERED) {
                // The offer died with the previous node; if that phone is answered anyway, CallsBridged still connects it.
                contact.state = ContactState.WAITING;
                store.saveContact(contact);
            }
            if (contact.state == ContactState.WAITING) {
                addWaiting(contact);
            }
        }
        for (Agent agent : agents.values()) {
            if (agent.state == AgentState.RESERVED) {
                agent.state = AgentState.AVAILABLE;
                store.saveAgent(agent);
            }
            if (agent.state == AgentState.WRAP_UP) {
                agent.wrapUpEnds = agent.stateSince.plusSeconds(agent.queues.stream().map(queues::get).filter(Objects::nonNull)
                        .mapToInt(QueueSettings::wrapUpSeconds).max().orElse(0));
                scheduleWrapUpEnd(agent, now);
            }
            if (agent.state == AgentState.AVAILABLE) {
                agent.idleSince = agent.idleSince == null ? agent.stateSince : agent.idleSince;
                dispatch.addAvailable(agent);
            }
        }
        log.info("ACD loaded: {} queues, {} agents ({} available), {} contacts waiting", queues.size(), agents.size(),
                dispatch.availableCount(), dispatch.waitingCount());
        // Which callers still wait on the PBX: those whose contact is gone get theirs back (LiveCallsReconciled),
        // and dispatching starts then, or after PBX_LIST_WAIT if the PBX does not answer.
        awaitingPbx = true;
        telephony.send(new ControlCommand.ReportLiveCalls()).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.info("The PBX cannot list its calls now ({}); its reconciliation at (re)connection will", failure.getMessage());
            }
        });
        loop.schedule(this.<Void>guardedCall(() -> {
            if (leader && awaitingPbx) {
                log.warn("No list of calls from the PBX within {} s: dispatching without it", PBX_LIST_WAIT.toSeconds());
                awaitingPbx = false;
                dispatchAll(clock.instant());
            }
            return null;
        }), PBX_LIST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void loadConfiguration() {
        queues.clear();
        policies.clear();
        policies.putAll(store.policies());
        for (QueueSettings queue : store.queues()) {
            queues.put(queue.id(), queue);
        }
        refreshOpeningHours(clock.instant());
    }

    /** Queues, dispositions or agent profiles changed (administration): take them in without losing any state. */
    void configurationChanged() {
        if (loop == null || !leader) {
            return;
        }
        // Waits until taken in: the next call or the administrator's next screen sees the change.
        call(() -> {
            if (!leader) {
                return null;
            }
            loadConfiguration();
            for (Agent stored : store.agents()) {
                Agent agent = agents.get(stored.id);
                if (agent == null) {
                    agents.put(stored.id, stored);
                } else {
                    agent.displayName = stored.displayName;
                    agent.team = stored.team;
                    agent.skills = stored.skills;
                    agent.queues = stored.queues;
                }
            }
            dispatchAll(clock.instant());
            return null;
        });
    }

    // ================================================================== contacts

    /** A call enters the queue the rules chose; returns the contact's id. */
    public long enqueue(ContactRequest request) {
        if (!leader) {
            return enqueueForTheDispatcher(request);
        }
        return call(() -> {
            Contact existing = byCall.get(request.callId());
            if (existing != null) {
                return existing.id;
            }
            Instant now = clock.instant();
            String queue = request.queue();
            String reason = request.reason();
            if (!queues.containsKey(queue)) {
                log.warn("Call {}: the rules chose queue '{}', which does not exist; it goes to '{}'", request.callId(), queue,
                        properties.defaultQueue());
                reason = "unknown-queue:" + queue;
                queue = properties.defaultQueue();
                if (!queues.containsKey(queue)) {
                    throw new AcdException("Neither queue '" + request.queue() + "' nor the default queue '" + queue + "' exists");
                }
            }
            long id = store.insertContact("VOICE", request.callId(), request.callerNumber(), queue, request.priority(),
                    request.skills(), now, now, reason, request.routingExplanation(), request.processInstanceId(), request.language());
            Contact contact = new Contact(id, "VOICE", request.callId(), request.callerNumber(), queue, request.priority(),
                    request.skills(), now, reason, request.routingExplanation(), request.processInstanceId(), request.language());
            contacts.put(id, contact);
            byCall.put(contact.callId, contact);
            addWaiting(contact);
            dispatchContact(contact, now);
            return id;
        });
    }

    /**
     * On a node that does not dispatch (the FastAGI call landed here): the contact is written as
     * waiting; the dispatching node picks it up at its next tick (it sees the same AMI events).
     */
    private long enqueueForTheDispatcher(ContactRequest request) {
        Instant now = clock.instant();
        List<QueueSettings> known = store.queues();
        String queue = known.stream().anyMatch(q -> q.id().equals(request.queue())) ? request.queue() : properties.defaultQueue();
        String reason = queue.equals(request.queue()) ? request.reason() : "unknown-queue:" + request.queue();
        long id = store.insertContact("VOICE", request.callId(), request.callerNumber(), queue, request.priority(),
                request.skills(), now, now, reason, request.routingExplanation(), request.processInstanceId(), request.language());
        log.info("Call {} queued in {} for the dispatching node (this node does not dispatch)", request.callId(), queue);
        return id;
    }

    /** Which queues are outside business hours now (their callbacks wait). */
    private void refreshOpeningHours(Instant now) {
        java.time.ZonedDateTime local = now.atZone(properties.zone());
        Set<String> closed = new java.util.HashSet<>();
        queues.values().forEach(q -> {
            if (!q.hours().isOpen(local)) {
                closed.add(q.id());
            }
        });
        dispatch.closedQueues(closed);
    }

    /** Contacts other nodes queued since the last look: taken into the line. */
    private void adoptContactsFromOtherNodes(Instant now) {
        Instant since = lastAdoption == null ? now.minusSeconds(60) : lastAdoption.minusSeconds(5);
        lastAdoption = now;
        for (Contact contact : store.waitingSince(since)) {
            if (!contacts.containsKey(contact.id) && !byCall.containsKey(contact.callId)) {
                contacts.put(contact.id, contact);
                byCall.put(contact.callId, contact);
                addWaiting(contact);
                dispatchContact(contact, now);
            }
        }
    }

    /** The contacts waiting in a queue, in the order they will be served. */
    public List<ContactView> waiting(String queue) {
        return call(() -> {
            return dispatch.line(queue).stream().map(Contact::view).toList();
        });
    }

    /** A waiting caller's place in line and expected wait; empty when the call is not waiting (any more). */
    public Optional<WaitingPosition> position(String callId) {
        return call(() -> {
            Contact contact = byCall.get(callId);
            if (contact == null || contact.state != ContactState.WAITING) {
                return Optional.<WaitingPosition>empty();
            }
            List<Contact> line = dispatch.line(contact.queue);
            int ahead = line.indexOf(contact);
            long serving = agents.values().stream()
                    .filter(a -> a.state != AgentState.LOGGED_OUT && a.queues.contains(contact.queue)).count();
            double perContact = talkSeconds.getOrDefault(contact.queue, DEFAULT_TALK_SECONDS);
            Duration expected = Duration.ofSeconds(Math.round(ahead * perContact / Math.max(1, serving)));
            QueuePolicy policy = policy(contact.queue);
            boolean offer = policy.offerAfterSeconds() > 0 && !contact.optionsOffered
                    && Duration.between(contact.arrivedAt, clock.instant()).toSeconds() >= policy.offerAfterSeconds();
            if (offer) {
                contact.optionsOffered = true; // offered once; the caller who keeps waiting is not asked again
            }
            return Optional.of(new WaitingPosition(contact.queue, ahead + 1, expected, contact.language, offer,
                    contact.arrivedAt));
        });
    }

    /** Contacts currently in the ACD (waiting, ringing or talking). */
    public List<ContactView> openContacts() {
        return call(() -> contacts.values().stream().sorted(Dispatch.ORDER).map(Contact::view).toList());
    }

    public Optional<ContactView> contact(long id) {
        Optional<ContactView> live = call(() -> Optional.ofNullable(contacts.get(id)).map(Contact::view));
        return live.isPresent() ? live : store.find(id);
    }

    /** The caller's previous contacts, most recent first. */
    public List<ContactView> history(String callerNumber, int limit) {
        return callerNumber == null || callerNumber.isBlank() ? List.of() : store.history(callerNumber, limit);
    }

    /** The contacts an agent handled last, most recent first, with their dispositions and notes. */
    public List<ContactView> handledBy(String agentId, int limit) {
        return store.handledBy(agentId, limit);
    }

    public List<QueueSettings> queues() {
        return store.queues();
    }

    /** One queue's settings: from memory on the dispatching node (the calls' path), else from MariaDB. */
    public Optional<QueueSettings> queue(String id) {
        if (leader) {
            return call(() -> Optional.ofNullable(queues.get(id)));
        }
        return store.queues().stream().filter(q -> q.id().equals(id)).findFirst();
    }

    public List<Disposition> dispositions(String queue) {
        return store.dispositions(queue);
    }

    public QueueFigures figures(QueueSettings queue, Instant since) {
        return store.figures(queue.id(), queue.slSeconds(), since);
    }

    // ================================================================== callbacks and waiting options

    /** A queue's callback policy and service mode (defaults when none was set). */
    public QueuePolicy policy(String queue) {
        QueuePolicy known = policies.get(queue);
        return known != null ? known : store.policies().getOrDefault(queue, QueuePolicy.defaults(queue));
    }

    public Map<String, QueuePolicy> policies() {
        Map<String, QueuePolicy> all = new java.util.LinkedHashMap<>();
        Map<String, QueuePolicy> stored = store.policies();
        for (QueueSettings queue : store.queues()) {
            all.put(queue.id(), stored.getOrDefault(queue.id(), QueuePolicy.defaults(queue.id())));
        }
        return all;
    }

    /** Agents logged in on a queue (whatever their state): zero means nobody can take its calls now. */
    public int loggedIn(String queue) {
        return call(() -> (int) agents.values().stream()
                .filter(a -> a.state != AgentState.LOGGED_OUT && a.queues.contains(queue)).count());
    }

    /**
     * The wait a caller entering {@code queue} now can expect: the contacts already waiting times the
     * queue's recent talk time, shared by the agents logged in on it (the up-front callback offer).
     */
    public Duration expectedWait(String queue) {
        return call(() -> {
            long serving = agents.values().stream()
                    .filter(a -> a.state != AgentState.LOGGED_OUT && a.queues.contains(queue)).count();
            if (serving == 0) {
                return Duration.ofDays(1); // nobody to serve it: as long as it gets
            }
            double perContact = talkSeconds.getOrDefault(queue, DEFAULT_TALK_SECONDS);
            return Duration.ofSeconds(Math.round(dispatch.line(queue).size() * perContact / serving));
        });
    }

    /**
     * The waiting caller chose to be called back or to leave a message: their call leaves the queue
     * (outcome {@code outcome}, e.g. CALLBACK or VOICEMAIL); the callback request keeps their place.
     */
    public void leave(String callId, String outcome) {
        call(() -> {
            Contact contact = byCall.get(callId);
            if (contact != null && contact.state == ContactState.WAITING) {
                end(contact, outcome, null);
            }
            return null;
        });
    }

    /**
     * A callback request takes its place in line: a contact of channel CALLBACK that arrived when the
     * caller started waiting, so it is served before later callers; it is dialled only when an agent
     * is reserved for it (pacing follows free agents), and only while the queue is open.
     */
    public long enqueueCallback(long requestId, String number, String queue, Instant waitingSince, String language) {
        Instant now = clock.instant();
        if (!leader) {
            long id = store.insertCallback(requestId, number, queue, waitingSince, now, language);
            log.info("Callback request {} queued in {} for the dispatching node", requestId, queue);
            return id;
        }
        return call(() -> {
            Contact existing = byCall.get("callback-" + requestId);
            if (existing != null) {
                return existing.id;
            }
            long id = store.insertCallback(requestId, number, queue, waitingSince, now, language);
            Contact contact = new Contact(id, Contact.CALLBACK, "callback-" + requestId, number, queue, 5,
                    language == null ? List.of() : List.of("language:" + language), waitingSince, "callback", null, null, language);
            contact.callbackRequestId = requestId;
            contact.queuedAt = now;
            contacts.put(id, contact);
            byCall.put(contact.callId, contact);
            addWaiting(contact);
            dispatchContact(contact, now);
            return id;
        });
    }

    /** The customer called in again: their waiting callback leaves the line (the live call takes over). */
    public boolean withdrawCallback(long requestId) {
        return call(() -> {
            Contact contact = contacts.values().stream()
                    .filter(c -> Objects.equals(c.callbackRequestId, requestId) && c.state == ContactState.WAITING)
                    .findFirst().orElse(null);
            if (contact == null) {
                return false;
            }
            end(contact, "MERGED", null);
            return true;
        });
    }

    /** A live call takes an earlier place in line (it merged with the caller's callback request). */
    public void advance(String callId, Instant earlier) {
        call(() -> {
            Contact contact = byCall.get(callId);
            if (contact != null && contact.state == ContactState.WAITING && earlier.isBefore(contact.arrivedAt)) {
                removeWaiting(contact);
                contact.arrivedAt = earlier;
                addWaiting(contact);
                save(null, contact);
            }
            return null;
        });
    }

    /** Preview mode: the agent read the record and dials; their phone rings first, then the customer's. */
    public void dialPreview(String agentId) {
        call(() -> {
            Agent agent = requireAgent(agentId);
            Contact contact = agent.contactId == null ? null : contacts.get(agent.contactId);
            if (agent.state != AgentState.RESERVED || contact == null || !contact.awaitsDialling()
                    || contact.originateRequest != null) {
                throw new AcdException(stateRefusal(agent, "dial a callback"));
            }
            originate(contact, agent, true);
            return null;
        });
    }

    /** Preview mode: the agent passes; the callback goes back to its place, the agent is available again. */
    public void skipPreview(String agentId) {
        call(() -> {
            Agent agent = requireAgent(agentId);
            Contact contact = agent.contactId == null ? null : contacts.get(agent.contactId);
            if (agent.state != AgentState.RESERVED || contact == null || !contact.awaitsDialling()
                    || contact.originateRequest != null) {
                throw new AcdException(stateRefusal(agent, "skip a callback"));
            }
            backInLine(contact);
            contact.notBefore = clock.instant().plusSeconds(30); // not straight back to the same agent
            becomeAvailable(agent, clock.instant());
            save(null, contact);
            return null;
        });
    }

    /**
     * Places the callback: AUTOMATIC mode rings the customer (the "callback" script connects them to
     * the reserved agent when they answer); PREVIEW mode rings the agent's phone, which then dials the
     * customer through griot-outbound.
     */
    private void originate(Contact contact, Agent agent, boolean agentFirst) {
        String request = "cb-" + contact.id + "-" + contact.offers;
        contact.originateRequest = request;
        originates.put(request, contact);
        QueueSettings queue = queues.get(contact.queue);
        Duration ring = Duration.ofSeconds(queue == null ? 30 : Math.max(queue.ringSeconds(), 30));
        Map<String, String> variables = new HashMap<>();
        variables.put("GRIOT_CONTACT", Long.toString(contact.id));
        variables.put("GRIOT_AGENT", agent.extension);
        variables.put("GRIOT_RING_TIMEOUT", Long.toString(queue == null ? 15 : queue.ringSeconds()));
        if (contact.language != null) {
            variables.put("GRIOT_LANGUAGE", contact.language);
        }
        ControlCommand.Originate command = agentFirst
                ? new ControlCommand.Originate(request, agent.extension, true, contact.callerNumber, ring, contact.callerNumber,
                        variables)
                : new ControlCommand.Originate(request, contact.callerNumber, false, "1919", ring, "callback", variables);
        int offer = contact.offers;
        long freedAt = taskStartNanos;
        telephony.send(command).whenComplete((accepted, failure) -> {
            if (failure != null) {
                execute(() -> callbackNotReached(contact.id, offer, "FAILED"));
            } else if (!agentFirst) {
                connects.record(System.nanoTime() - freedAt, TimeUnit.NANOSECONDS);
            }
        });
        loop.schedule(this.<Void>guardedCall(() -> {
            Contact still = contacts.get(contact.id);
            if (still != null && still.state == ContactState.OFFERED && still.offers == offer
                    && request.equals(still.originateRequest)) {
                log.warn("Callback contact {}: no result for originate {}; treated as no answer", contact.id, request);
                callbackNotReached(contact.id, offer, "NO_ANSWER");
            }
            return null;
        }), ring.plus(LOST_RING_GRACE).toMillis(), TimeUnit.MILLISECONDS);
    }

    private void originateResult(TelephonyEvent.OriginateResult result) {
        Contact contact = originates.remove(result.requestId());
        if (contact == null || contact.state != ContactState.OFFERED) {
            return;
        }
        if (result.outcome() == TelephonyEvent.OriginateResult.Outcome.ANSWERED && result.call() != null) {
            // From now on the PBX names this contact by the answered leg (bridged and hung-up events).
            byCall.remove(contact.callId, contact);
            contact.callId = result.call().value();
            contact.originateRequest = null; // answered: the agent's ring and the hang-ups take over
            byCall.put(contact.callId, contact);
            save(null, contact);
            return;
        }
        callbackNotReached(contact.id, contact.offers, result.outcome().name());
    }

    /** The customer (or, in preview, the agent) did not answer: this attempt ends; the agent is free again. */
    private void callbackNotReached(long contactId, int offer, String outcome) {
        Contact contact = contacts.get(contactId);
        if (contact == null || contact.state != ContactState.OFFERED || contact.offers != offer) {
            return;
        }
        if (contact.originateRequest != null) {
            originates.remove(contact.originateRequest);
        }
        Agent agent = contact.agentId == null ? null : agents.get(contact.agentId);
        Instant now = clock.instant();
        freeReserved(agent, now);
        end(contact, outcome, agent);
        if (agent != null) {
            notifyAgent(agent);
            dispatchAgent(agent, now);
        }
    }

    // ================================================================== agents

    public List<AgentView> agents() {
        return call(() -> agents.values().stream().sorted(Comparator.comparing(a -> a.id)).map(Agent::view).toList());
    }

    public Optional<AgentView> agent(String agentId) {
        return call(() -> Optional.ofNullable(agents.get(agentId)).map(Agent::view));
    }

    /** The agent starts the day on the desk phone {@code extension}; paused until they say they are available. */
    public AgentView login(String agentId, String extension) {
        return call(() -> {
            Agent agent = requireAgent(agentId);
            if (extension == null || !extension.matches("[0-9]{2,10}")) {
                throw new AcdException("Extension '" + extension + "' is not a desk phone number (2 to 10 digits)");
            }
            for (Agent other : agents.values()) {
                if (other != agent && other.state != AgentState.LOGGED_OUT && extension.equals(other.extension)) {
                    throw new AcdException("Extension " + extension + " is already used by " + other.displayName);
                }
            }
            if (agent.state == AgentState.RESERVED || agent.state == AgentState.ON_CALL) {
                if (!extension.equals(agent.extension)) {
                    throw new AcdException("Finish the current call before changing phone");
                }
                return agent.view();
            }
            if (agent.state != AgentState.LOGGED_OUT && extension.equals(agent.extension)) {
                return agent.view(); // already logged in on that phone (a reopened browser)
            }
            agent.extension = extension;
            change(agent, AgentState.PAUSED, PAUSE_LOGIN);
            save(agent, null);
            return agent.view();
        });
    }

    public AgentView makeAvailable(String agentId) {
        return call(() -> {
            Agent agent = requireAgent(agentId);
            switch (agent.state) {
                case AVAILABLE -> {
                    return agent.view();
                }
                case PAUSED, WRAP_UP -> {
                    Instant now = clock.instant();
                    becomeAvailable(agent, now);
                    return agent.view();
                }
                default -> throw new AcdException(stateRefusal(agent, "become available"));
            }
        });
    }

    public AgentView pause(String agentId, String reason) {
        return call(() -> {
            Agent agent = requireAgent(agentId);
            if (agent.state != AgentState.AVAILABLE && agent.state != AgentState.WRAP_UP && agent.state != AgentState.PAUSED) {
                throw new AcdException(stateRefusal(agent, "pause"));
            }
            change(agent, AgentState.PAUSED, reason == null || reason.isBlank() ? "break" : reason.trim());
            save(agent, null);
            return agent.view();
        });
    }

    /** The agent leaves; a contact ringing on their phone goes back to its place in line. */
    public AgentView logout(String agentId) {
        return call(() -> {
            Agent agent = requireAgent(agentId);
            if (agent.state == AgentState.ON_CALL
                    || agent.state == AgentState.RESERVED && !reservedForUndialledCallback(agent)) {
                // While the phone rings the caller is already on their way to it: answer, or let it ring out.
                throw new AcdException(stateRefusal(agent, "log out"));
            }
            Contact ringing = agent.state == AgentState.RESERVED ? contacts.get(agent.contactId) : null;
            change(agent, AgentState.LOGGED_OUT, null);
            agent.extension = null;
            if (ringing != null && ringing.state == ContactState.OFFERED) {
                backInLine(ringing);
                save(agent, ringing);
                dispatchContact(ringing, clock.instant());
            } else {
                save(agent, null);
            }
            return agent.view();
        });
    }

    private boolean reservedForUndialledCallback(Agent agent) {
        Contact contact = agent.contactId == null ? null : contacts.get(agent.contactId);
        return contact != null && contact.awaitsDialling() && contact.originateRequest == null;
    }

    /** The agent ends the call from the desk (the desk phone's own hang-up works too). */
    public void hangUp(String agentId) {
        String callId = call(() -> {
            Agent agent = requireAgent(agentId);
            Contact contact = agent.contactId == null ? null : contacts.get(agent.contactId);
            if (agent.state != AgentState.ON_CALL || contact == null) {
                throw new AcdException(stateRefusal(agent, "hang up"));
            }
            return contact.callId;
        });
        telephony.send(new ControlCommand.HangUpCall(new CallId(callId)));
    }

    /**
     * Wrap-up: the disposition (one of the queue's codes) and notes go to the contact history; an agent
     * still in wrap-up for that contact becomes available.
     */
    public AgentView wrapUp(String agentId, long contactId, String disposition, String notes) {
        ContactView contact = contact(contactId).orElseThrow(() -> new AcdException("No contact " + contactId));
        if (!agentId.equals(contact.agentId())) {
            throw new AcdException("Contact " + contactId + " was not handled by " + agentId);
        }
        List<Disposition> allowed = store.dispositions(contact.queue());
        if (allowed.stream().noneMatch(d -> d.code().equals(disposition))) {
            throw new AcdException("Disposition '" + disposition + "' is not one of queue " + contact.queue() + "'s codes");
        }
        String cleanNotes = notes == null ? null : notes.strip();
        if (cleanNotes != null && cleanNotes.length() > 2000) {
            throw new AcdException("Notes are limited to 2,000 characters (" + cleanNotes.length() + " given)");
        }
        store.saveWrapUp(contactId, agentId, disposition, cleanNotes);
        return call(() -> {
            Agent agent = requireAgent(agentId);
            if (agent.state == AgentState.WRAP_UP && Objects.equals(agent.contactId, contactId)) {
                becomeAvailable(agent, clock.instant());
            }
            return agent.view();
        });
    }

    /** Sends the agent's caller to another queue (the caller keeps their arrival time there). */
    public void transferToQueue(String agentId, String queue) {
        Contact moved = call(() -> {
            if (!queues.containsKey(queue)) {
                throw new AcdException("No queue " + queue);
            }
            Agent agent = requireAgent(agentId);
            Contact current = talking(agent, "transfer");
            Contact next = handOver(agent, current, queue, clock.instant());
            addWaiting(next);
            return next;
        });
        telephony.send(new ControlCommand.Hold(new CallId(moved.callId))).whenComplete((ok, failure) -> execute(() -> {
            if (failure != null) {
                log.warn("Transfer of call {} to hold failed: {}", moved.callId, failure.getMessage());
            }
            if (contacts.containsKey(moved.id) && moved.state == ContactState.WAITING) {
                dispatchContact(moved, clock.instant());
            }
        }));
    }

    /** Sends the agent's caller straight to a colleague who is available now. */
    public void transferToAgent(String agentId, String colleagueId) {
        call(() -> {
            Agent agent = requireAgent(agentId);
            Agent colleague = requireAgent(colleagueId);
            if (colleague.state != AgentState.AVAILABLE) {
                throw new AcdException(colleague.displayName + " is not available (" + colleague.state + ")");
            }
            Contact current = talking(agent, "transfer");
            Contact next = handOver(agent, current, current.queue, clock.instant());
            offer(colleague, next, clock.instant(), taskStartNanos);
            return null;
        });
    }

    /** Consult and conference need a three-party bridge the telephony port does not offer yet. */
    public void conference(String agentId, String colleagueId) {
        throw new UnsupportedOperationException("Consult/conference is not supported: the telephony port has no three-party "
                + "bridge yet; use a transfer");
    }

    // ================================================================== dispatching

    private void dispatchAll(Instant now) {
        if (awaitingPbx) {
            return;
        }
        for (Contact contact : dispatch.allWaiting()) {
            if (dispatch.noneAvailable()) {
                return;
            }
            if (contact.state == ContactState.WAITING) {
                dispatchContact(contact, now);
            }
        }
    }

    /** A contact needs an agent: the longest idle of the qualified available ones. */
    private boolean dispatchContact(Contact contact, Instant now) {
        if (awaitingPbx) {
            return false;
        }
        long start = System.nanoTime();
        Agent chosen = dispatch.agentFor(contact, now);
        decisions.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (chosen == null) {
            return false;
        }
        offer(chosen, contact, now, taskStartNanos);
        return true;
    }

    /** An agent is free: the first contact in line (priority, then arrival) of their queues they can serve. */
    private boolean dispatchAgent(Agent agent, Instant now) {
        if (awaitingPbx) {
            return false;
        }
        long start = System.nanoTime();
        Contact best = dispatch.contactFor(agent, now);
        decisions.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (best == null) {
            return false;
        }
        offer(agent, best, now, taskStartNanos);
        return true;
    }

    /** Reserves the agent, rings their phone and bridges the caller to it when answered (the PBX does). */
    private void offer(Agent agent, Contact contact, Instant now, long freedAtNanos) {
        removeWaiting(contact);
        dispatch.removeAvailable(agent);
        agent.state = AgentState.RESERVED;
        agent.stateSince = now;
        agent.pauseReason = null;
        agent.contactId = contact.id;
        contact.state = ContactState.OFFERED;
        contact.agentId = agent.id;
        contact.offeredAt = now;
        contact.offers++;
        contact.notBefore = null;
        save(agent, contact);
        if (contact.awaitsDialling()) {
            if (policy(contact.queue).callbackMode() == QueuePolicy.CallbackMode.AUTOMATIC) {
                originate(contact, agent, false);
            } // PREVIEW: the agent reads the screen pop and dials (dialPreview) or passes (skipPreview)
            AgentView agentView = agent.view();
            ContactView contactView = contact.view();
            listeners.forEach(l -> l.contactOffered(agentView, contactView));
            listeners.forEach(l -> l.agentChanged(agentView));
            return;
        }
        int offer = contact.offers;
        QueueSettings queue = queues.get(contact.queue);
        Duration ring = Duration.ofSeconds(queue == null ? 15 : queue.ringSeconds());
        telephony.send(new ControlCommand.ConnectToAgent(new CallId(contact.callId), agent.extension, ring))
                .whenComplete((accepted, failure) -> {
                    if (failure != null) {
                        execute(() -> connectRefused(contact.id, offer, failure));
                    } else {
                        connects.record(System.nanoTime() - freedAtNanos, TimeUnit.NANOSECONDS);
                    }
                });
        loop.schedule(this.<Void>guardedCall(() -> {
            ringExpired(contact.id, offer);
            return null;
        }), ring.plus(LOST_RING_GRACE).toMillis(), TimeUnit.MILLISECONDS);
        AgentView agentView = agent.view();
        ContactView contactView = contact.view();
        listeners.forEach(l -> l.contactOffered(agentView, contactView));
        listeners.forEach(l -> l.agentChanged(agentView));
    }

    private void connectRefused(long contactId, int offer, Throwable failure) {
        Contact contact = contacts.get(contactId);
        if (contact == null || contact.state != ContactState.OFFERED || contact.offers != offer) {
            return;
        }
        Agent agent = agents.get(contact.agentId);
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        Instant now = clock.instant();
        if (cause instanceof UnknownCallException) {
            log.info("Contact {}: call {} is no longer on the PBX; it leaves the queue", contact.id, contact.callId);
            freeReserved(agent, now);
            end(contact, "ABANDONED", agent);
            if (agent != null) {
                dispatchAgent(agent, now);
            }
            return;
        }
        log.warn("Contact {}: the PBX refused to connect call {} to {}: {}; retried in {} s", contact.id, contact.callId,
                agent == null ? "?" : agent.extension, cause.getMessage(), RETRY_AFTER_REFUSAL.toSeconds());
        contact.notBefore = now.plus(RETRY_AFTER_REFUSAL);
        backInLine(contact);
        freeReserved(agent, now);
        save(agent, contact);
        if (agent != null) {
            notifyAgent(agent);
            dispatchAgent(agent, now);
        }
    }

    private void ringExpired(long contactId, int offer) {
        Contact contact = contacts.get(contactId);
        if (contact != null && contact.state == ContactState.OFFERED && contact.offers == offer) {
            Agent agent = agents.get(contact.agentId);
            log.warn("Contact {}: no answer nor failure from the PBX for agent {}'s phone; treated as no answer", contact.id,
                    contact.agentId);
            noAnswer(agent, contact, clock.instant());
        }
    }

    /** The agent's phone did not answer: the agent is paused, the contact goes back to its place and is offered again. */
    private void noAnswer(Agent agent, Contact contact, Instant now) {
        backInLine(contact);
        if (agent != null && agent.state == AgentState.RESERVED) {
            change(agent, AgentState.PAUSED, PAUSE_NO_ANSWER);
        }
        save(agent, contact);
        if (agent != null) {
            notifyAgent(agent);
        }
        dispatchContact(contact, now);
    }

    /** The contact waits again with its original arrival time: ahead of everyone who came after it. */
    private void backInLine(Contact contact) {
        contact.state = ContactState.WAITING;
        contact.agentId = null;
        contact.originateRequest = null;
        addWaiting(contact);
    }

    /**
     * The offer fell through (refused, unanswered by the customer, gone): the reserved agent is available
     * again and keeps their idle time, so their place among the idle agents.
     */
    private void freeReserved(Agent agent, Instant now) {
        if (agent != null && agent.state == AgentState.RESERVED) {
            agent.state = AgentState.AVAILABLE;
            agent.stateSince = now;
            dispatch.addAvailable(agent);
        }
    }

    private void becomeAvailable(Agent agent, Instant now) {
        agent.state = AgentState.AVAILABLE;
        agent.stateSince = now;
        agent.pauseReason = null;
        agent.wrapUpEnds = null;
        agent.idleSince = now;
        dispatch.addAvailable(agent);
        save(agent, null);
        notifyAgent(agent);
        dispatchAgent(agent, now);
    }

    private void tick() {
        if (!leader) {
            return;
        }
        Instant now = clock.instant();
        adoptContactsFromOtherNodes(now);
        refreshOpeningHours(now);
        for (Agent agent : new ArrayList<>(agents.values())) {
            if (agent.state == AgentState.WRAP_UP && agent.wrapUpEnds != null && !now.isBefore(agent.wrapUpEnds)) {
                becomeAvailable(agent, now);
            }
        }
        for (Contact contact : dispatch.allWaiting()) {
            QueueSettings queue = queues.get(contact.queue);
            if (contact.state != ContactState.WAITING || queue == null) {
                continue;
            }
            if (contact.isCallback()) {
                if (!dispatch.noneAvailable() && (contact.notBefore == null || !now.isBefore(contact.notBefore))) {
                    dispatchContact(contact, now); // its queue may have opened
                }
                continue;
            }
            if (queue.maxWaitSeconds() > 0 && queue.overflowQueue() != null && queues.containsKey(queue.overflowQueue())
                    && Duration.between(contact.queuedSince(), now).toSeconds() >= queue.maxWaitSeconds()) {
                overflow(contact, queue.overflowQueue(), now);
                continue;
            }
            announceIfDue(contact, queue, now);
            boolean relaxed = queue.requiredLevel(Duration.between(contact.arrivedAt, now)) < contact.lastRequiredLevel;
            boolean retry = contact.notBefore != null && !now.isBefore(contact.notBefore);
            if ((relaxed || retry) && !dispatch.noneAvailable()) {
                dispatchContact(contact, now);
            }
        }
        // Safety net: an agent left available with callers waiting (no event woke them up) gets one now.
        if (!dispatch.noneAvailable() && dispatch.waitingCount() > 0) {
            dispatchAll(now);
        }
    }

    /**
     * Every {@code announceSeconds} the caller hears their place in line; once, at the queue's callback
     * threshold, they are also offered a callback or a message (the queue-position script asks
     * {@link #position} which to play). Not repeated within 10 s while an announcement may be playing.
     */
    private void announceIfDue(Contact contact, QueueSettings queue, Instant now) {
        QueuePolicy policy = policy(contact.queue);
        long sinceLast = Duration.between(contact.lastAnnouncedAt == null ? contact.queuedSince() : contact.lastAnnouncedAt, now)
                .toSeconds();
        boolean periodic = queue.announceSeconds() > 0 && sinceLast >= queue.announceSeconds();
        boolean offerDue = policy.offerAfterSeconds() > 0 && !contact.optionsOffered
                && Duration.between(contact.arrivedAt, now).toSeconds() >= policy.offerAfterSeconds()
                && (contact.lastAnnouncedAt == null || sinceLast >= 10);
        if (!periodic && !offerDue) {
            return;
        }
        contact.lastAnnouncedAt = now;
        telephony.send(new ControlCommand.AnnouncePosition(new CallId(contact.callId))).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.debug("Position announcement for call {} not sent: {}", contact.callId, failure.getMessage());
            }
        });
    }

    /** The caller waited longer than the queue allows: on to the overflow queue, keeping their arrival time. */
    private void overflow(Contact contact, String target, Instant now) {
        removeWaiting(contact);
        log.info("Contact {} overflows from {} to {}", contact.id, contact.queue, target);
        contact.queue = target;
        contact.queuedAt = now;
        addWaiting(contact);
        save(null, contact);
        dispatchContact(contact, now);
    }

    // ================================================================== telephony events

    private void onTelephony(TelephonyEvent event) {
        if (!leader) {
            return;
        }
        Instant now = clock.instant();
        if (event instanceof TelephonyEvent.CallsBridged bridged) {
            connected(bridged, now);
        } else if (event instanceof TelephonyEvent.AgentConnectFailed failed) {
            Contact contact = byCall.get(failed.call().value());
            Agent offeredTo = contact == null || contact.agentId == null ? null : agents.get(contact.agentId);
            // An older ring's failure (another phone rung before) must not pause the agent rung now.
            if (contact != null && contact.state == ContactState.OFFERED && offeredTo != null
                    && failed.agentEndpoint().equals(offeredTo.extension)) {
                Agent agent = offeredTo;
                log.info("Contact {}: agent {} did not answer ({}); back to its place in line", contact.id, contact.agentId,
                        failed.reason());
                noAnswer(agent, contact, now);
            }
        } else if (event instanceof TelephonyEvent.OriginateResult result) {
            originateResult(result);
        } else if (event instanceof TelephonyEvent.CallHungUp hungUp) {
            hungUp(hungUp.call().value(), now);
        } else if (event instanceof TelephonyEvent.AgentPhoneStateChanged phone
                && phone.state() == TelephonyEvent.PhoneState.UNREACHABLE) {
            for (Agent agent : agents.values()) {
                if (phone.endpoint().equals(agent.extension) && agent.state == AgentState.AVAILABLE) {
                    change(agent, AgentState.PAUSED, PAUSE_PHONE_UNREACHABLE);
                    save(agent, null);
                    notifyAgent(agent);
                }
            }
        } else if (event instanceof TelephonyEvent.LiveCallsReconciled reconciled) {
            reconciled(reconciled, now);
        }
    }

    /**
     * The calls the PBX has now: a contact whose call is gone is closed (abandoned: it cannot be
     * served), a caller held in the waiting area without a contact gets one, in order of arrival.
     */
    private void reconciled(TelephonyEvent.LiveCallsReconciled reconciled, Instant now) {
        boolean firstList = awaitingPbx;
        awaitingPbx = false;
        Set<String> live = new java.util.HashSet<>();
        reconciled.liveCalls().forEach(id -> live.add(id.value()));
        for (Contact contact : new ArrayList<>(contacts.values())) {
            // A callback not yet answered has no call on the PBX to look for; a contact queued after the
            // PBX listed its calls is not in the list yet.
            if (!live.contains(contact.callId) && !contact.awaitsDialling() && !contact.queuedSince().isAfter(reconciled.at())) {
                log.info("Contact {}: call {} ended while Griot was not listening", contact.id, contact.callId);
                hungUp(contact.callId, now);
            }
        }
        List<HeldCallAdoption.Adopted> adopted = HeldCallAdoption.plan(reconciled.held(), byCall.keySet(), store::latestOutcome,
                queues.keySet(), properties.defaultQueue());
        if (adopted.isEmpty()) {
            if (firstList) {
                dispatchAll(now);
            }
            return;
        }
        int taken = 0;
        for (HeldCallAdoption.Adopted one : adopted) {
            TelephonyEvent.HeldCall call = one.call();
            if (!queues.containsKey(one.queue())) {
                log.error("Held call {} has no queue to go back to (neither its own nor the default queue '{}')",
                        call.call().value(), properties.defaultQueue());
                continue;
            }
            Instant arrived = call.waitingSince().isAfter(now) ? now : call.waitingSince();
            long id;
            try {
                id = store.insertContact("VOICE", call.call().value(), one.callerNumber(), one.queue(), one.priority(),
                        one.skills(), arrived, now, one.reason(), "held by the PBX across a Griot restart", null, one.language());
            } catch (RuntimeException e) {
                log.error("Held call {} could not be given a contact; the others still are", call.call().value(), e);
                continue;
            }
            taken++;
            Contact contact = new Contact(id, "VOICE", call.call().value(), one.callerNumber(), one.queue(), one.priority(),
                    one.skills(), arrived, one.reason(), "held by the PBX across a Griot restart", null, one.language());
            contact.queuedAt = now;
            contacts.put(id, contact);
            byCall.put(contact.callId, contact);
            addWaiting(contact);
        }
        log.info("{} caller(s) held by the PBX without a contact got their place back (re-adopted)", taken);
        dispatchAll(now);
    }

    private void connected(TelephonyEvent.CallsBridged bridged, Instant now) {
        Contact contact = byCall.get(bridged.call().value());
        if (contact == null || contact.state == ContactState.CONNECTED || contact.state == ContactState.ENDED) {
            return;
        }
        Agent agent = contact.agentId != null ? agents.get(contact.agentId) : null;
        if (agent == null || !bridged.otherEndpoint().equals(agent.extension)) {
            // Answered by a phone rung before a restart: whoever's extension it is takes the call.
            agent = agents.values().stream().filter(a -> bridged.otherEndpoint().equals(a.extension)
                    && a.state != AgentState.LOGGED_OUT).findFirst().orElse(agent);
        }
        if (agent == null) {
            return;
        }
        Agent reserved = contact.agentId == null ? null : agents.get(contact.agentId);
        if (reserved != null && reserved != agent && reserved.state == AgentState.RESERVED
                && Objects.equals(reserved.contactId, contact.id)) {
            // Another phone took the call (a pickup, a phone rung before a restart): the reserved agent is free.
            freeReserved(reserved, now);
            save(reserved, null);
            notifyAgent(reserved);
        }
        removeWaiting(contact);
        dispatch.removeAvailable(agent);
        contact.state = ContactState.CONNECTED;
        contact.answeredAt = now;
        contact.agentId = agent.id;
        contact.agentLeg = bridged.otherCall().value();
        byAgentLeg.put(contact.agentLeg, contact);
        agent.state = AgentState.ON_CALL;
        agent.stateSince = now;
        agent.pauseReason = null;
        agent.contactId = contact.id;
        save(agent, contact);
        notifyAgent(agent);
    }

    private void hungUp(String callId, Instant now) {
        Contact contact = byCall.get(callId);
        if (contact == null) {
            contact = byAgentLeg.get(callId);
        }
        if (contact == null) {
            return;
        }
        Agent agent = contact.agentId == null ? null : agents.get(contact.agentId);
        switch (contact.state) {
            case WAITING -> end(contact, "ABANDONED", null);
            case OFFERED -> {
                freeReserved(agent, now);
                // A callback whose customer (or, in preview, whose agent) did not answer: a missed attempt.
                end(contact, contact.isCallback() ? "NO_ANSWER" : "ABANDONED", agent);
                if (agent != null) {
                    notifyAgent(agent);
                    dispatchAgent(agent, now);
                }
            }
            case CONNECTED -> {
                if (contact.answeredAt != null) {
                    double talked = Duration.between(contact.answeredAt, now).toMillis() / 1000.0;
                    talkSeconds.merge(contact.queue, talked, (old, latest) -> old * 0.9 + latest * 0.1);
                }
                if (agent != null && agent.state == AgentState.ON_CALL && Objects.equals(agent.contactId, contact.id)) {
                    startWrapUp(agent, contact, now);
                }
                end(contact, "ANSWERED", agent);
                if (agent != null) {
                    notifyAgent(agent);
                    if (agent.state == AgentState.AVAILABLE) {
                        dispatchAgent(agent, now);
                    }
                }
            }
            default -> {
            }
        }
    }

    private void startWrapUp(Agent agent, Contact contact, Instant now) {
        QueueSettings queue = queues.get(contact.queue);
        int seconds = queue == null ? 0 : queue.wrapUpSeconds();
        if (seconds == 0) {
            agent.state = AgentState.AVAILABLE;
            agent.idleSince = now;
            agent.stateSince = now;
            dispatch.addAvailable(agent);
            return;
        }
        agent.state = AgentState.WRAP_UP;
        agent.stateSince = now;
        agent.wrapUpEnds = now.plusSeconds(seconds);
        scheduleWrapUpEnd(agent, now);
    }

    /**
     * The agent's wrap-up ends on time, not at the next tick: a timer on the dispatcher thread makes
     * them available and offers them the next caller at once (the tick stays as the safety net).
     */
    private void scheduleWrapUpEnd(Agent agent, Instant now) {
        Instant ends = agent.wrapUpEnds;
        ScheduledExecutorService running = loop;
        if (ends == null || running == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(now, ends).toMillis()) + 1; // never before the end (millis truncate)
        running.schedule(this.<Void>guardedCall(() -> {
            // The same wrap-up still running (not ended early by a disposition, a pause, another call, a reload);
            // a clock that is not there yet (a test's) leaves it to the tick.
            Instant at = clock.instant();
            if (leader && agents.get(agent.id) == agent && agent.state == AgentState.WRAP_UP && ends.equals(agent.wrapUpEnds)
                    && !at.isBefore(ends)) {
                becomeAvailable(agent, at);
            }
            return null;
        }), delay, TimeUnit.MILLISECONDS);
    }

    private void end(Contact contact, String outcome, Agent agent) {
        removeWaiting(contact);
        contact.state = ContactState.ENDED;
        contact.endedAt = clock.instant();
        contact.outcome = outcome;
        contacts.remove(contact.id);
        byCall.remove(contact.callId, contact);
        if (contact.agentLeg != null) {
            byAgentLeg.remove(contact.agentLeg);
        }
        save(agent, contact);
        ContactView view = contact.view();
        listeners.forEach(l -> l.contactEnded(view));
    }

    /** The talking contact ends as TRANSFERRED and a new one (same call, same arrival) takes over. */
    private Contact handOver(Agent agent, Contact current, String queue, Instant now) {
        startWrapUp(agent, current, now);
        end(current, "TRANSFERRED", agent);
        notifyAgent(agent);
        String reason = "transfer:" + agent.id;
        // The customer is on the line now: whatever the contact was (a call, a callback), it continues as a call.
        long id = store.insertContact("VOICE", current.callId, current.callerNumber, queue, current.priority,
                current.skills, current.arrivedAt, now, reason, current.routingExplanation, current.processInstanceId,
                current.language);
        Contact next = new Contact(id, "VOICE", current.callId, current.callerNumber, queue, current.priority,
                current.skills, current.arrivedAt, reason, current.routingExplanation, current.processInstanceId,
                current.language);
        next.queuedAt = now;
        contacts.put(id, next);
        byCall.put(next.callId, next);
        return next;
    }

    private Contact talking(Agent agent, String what) {
        Contact contact = agent.contactId == null ? null : contacts.get(agent.contactId);
        if (agent.state != AgentState.ON_CALL || contact == null || contact.state != ContactState.CONNECTED) {
            throw new AcdException(stateRefusal(agent, what));
        }
        return contact;
    }

    // ================================================================== helpers

    private void addWaiting(Contact contact) {
        dispatch.addWaiting(contact);
        waitingGauge = dispatch.waitingCount();
    }

    private void removeWaiting(Contact contact) {
        dispatch.removeWaiting(contact);
        waitingGauge = dispatch.waitingCount();
    }

    private void change(Agent agent, AgentState state, String pauseReason) {
        dispatch.removeAvailable(agent);
        agent.state = state;
        agent.pauseReason = pauseReason;
        agent.stateSince = clock.instant();
        agent.wrapUpEnds = null;
    }

    private void save(Agent agent, Contact contact) {
        transactions.executeWithoutResult(status -> {
            if (agent != null) {
                store.saveAgent(agent);
            }
            if (contact != null) {
                store.saveContact(contact);
            }
        });
    }

    private void notifyAgent(Agent agent) {
        AgentView view = agent.view();
        listeners.forEach(l -> l.agentChanged(view));
    }

    private Agent requireAgent(String agentId) {
        Agent agent = agents.get(agentId);
        if (agent == null) {
            throw new AcdException("No agent profile '" + agentId + "': an administrator or supervisor creates it on "
                    + "/routing/agents");
        }
        return agent;
    }

    private static String stateRefusal(Agent agent, String what) {
        return "Cannot " + what + " while " + agent.state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private void guarded() {
        try {
            taskStartNanos = System.nanoTime();
            tick();
        } catch (RuntimeException e) {
            log.error("ACD tick failed", e);
        }
    }

    private <T> java.util.concurrent.Callable<T> guardedCall(Supplier<T> work) {
        return () -> {
            try {
                taskStartNanos = System.nanoTime();
                return work.get();
            } catch (RuntimeException e) {
                log.error("ACD task failed", e);
                return null;
            }
        };
    }

    private void execute(Runnable work) {
        ScheduledExecutorService running = loop;
        if (running == null || running.isShutdown()) {
            return;
        }
        try {
            running.execute(() -> {
                try {
                    taskStartNanos = System.nanoTime();
                    work.run();
                } catch (RuntimeException e) {
                    log.error("ACD event handling failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("ACD stopped; event dropped");
        }
    }

    /** Runs {@code work} on the dispatcher thread and waits for it (commands and queries). */
    private <T> T call(Supplier<T> work) {
        if (Thread.currentThread() == loopThread) {
            return work.get();
        }
        ScheduledExecutorService running = loop;
        if (running == null) {
            throw new AcdException("The ACD is not running");
        }
        Future<T> future = running.submit(() -> {
            taskStartNanos = System.nanoTime();
            if (!leader) {
                throw new AcdException("The ACD dispatcher runs on another Griot node; this node cannot serve desks");
            }
            return work.get();
        });
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new AcdException("The ACD did not answer within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AcdException("Interrupted");
        }
    }
}
