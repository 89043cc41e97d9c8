package org.griot.telephony.asterisk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.griot.telephony.CallId;
import org.griot.telephony.TelephonyEvent;
import org.griot.telephony.TelephonyEvents;
import org.griot.telephony.TelephonyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Griot's one AMI connection to an Asterisk node, with its own least-privilege user and an event
 * mask. A supervisor thread (re)connects with exponential back-off; after every (re)connection the
 * live channels are reconciled (CoreShowChannels) so no call is forgotten across an outage or a
 * Griot restart. Events are translated off the reader thread's hot path and never block it.
 */
public class AmiLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiLink.class);
    /** Event classes Griot needs: channels and hang-ups (call), DTMF, phone/contact state (system, agent). */
    static final String EVENT_MASK = "system,call,dtmf,agent";

    private final TelephonyProperties.Ami settings;
    private final TelephonyEvents events;
    private final Clock clock;
    private final AmiConnectionFactory connections;
    private final AmiEventTranslator translator;
    private final AsteriskChannels channels;
    private final AmiActionQueue actions;
    private final HeldCallsReader heldCalls;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ami-reconcile");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicLong eventsRejected = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private volatile ManagerConnection connection;
    private volatile boolean running;
    private volatile boolean up;
    private Thread supervisor;

    /** Creates (not yet logged-in) connections; a seam for tests and for asterisk-java's factory. */
    public interface AmiConnectionFactory {
        ManagerConnection create(String host, int port, String username, String password);
    }

    public AmiLink(TelephonyProperties.Ami settings, TelephonyEvents events, Clock clock, AsteriskChannels channels,
            AmiConnectionFactory connections) {
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.connections = connections;
        this.channels = channels;
        this.translator = new AmiEventTranslator(clock, channels);
        this.heldCalls = new HeldCallsReader(channels);
        this.actions = new AmiActionQueue(settings.queueCapacity(), settings.actionsPerSecond(), settings.actionTimeout());
    }

    public synchronized void start() {
        running = true;
        supervisor = new Thread(this::superviseConnection, "ami-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    public boolean isUp() {
        return up;
    }

    /** Successful logins since start (1 + reconnections). */
    public long connections() {
        return connects.get();
    }

    public long eventsReceived() {
        return eventsReceived.get();
    }

    /** Events that could not be handled (malformed or unexpected); each was logged and skipped. */
    public long eventsRejected() {
        return eventsRejected.get();
    }

    public int actionsWaiting() {
        return actions.waiting();
    }

    AsteriskChannels channels() {
        return channels;
    }

    CompletableFuture<ManagerResponse> send(ManagerAction action) {
        return actions.submit(action);
    }

    private void superviseConnection() {
        Duration delay = settings.reconnectMinDelay();
        while (running) {
            ManagerConnection current = connection;
            ManagerConnectionState state = current == null ? null : current.getState();
            if (state == ManagerConnectionState.CONNECTED || state == ManagerConnectionState.RECONNECTING
                    || state == ManagerConnectionState.CONNECTING) {
                delay = settings.reconnectMinDelay();
                sleep(Duration.ofMillis(250));
                continue;
            }
            if (connect()) {
                delay = settings.reconnectMinDelay();
            } else {
                sleep(delay);
                delay = delay.multipliedBy(2).compareTo(settings.reconnectMaxDelay()) > 0 ? settings.reconnectMaxDelay()
                        : delay.multipliedBy(2);
            }
        }
    }

    private boolean connect() {
        ManagerConnection previous = connection;
        if (previous != null) {
            try {
                previous.logoff();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
        ManagerConnection candidate = connections.create(settings.host(), settings.port(), settings.username(),
                settings.password());
        candidate.addEventListener(this::onEvent);
        try {
            candidate.login(EVENT_MASK);
        } catch (Exception e) {
            log.warn("AMI login to {}:{} failed: {} (retrying with back-off)", settings.host(), settings.port(), e.getMessage());
            markDown("login failed: " + e.getMessage());
            return false;
        }
        connection = candidate;
        actions.useConnection(candidate);
        connects.incrementAndGet();
        markUp("logged in as " + settings.username());
        worker.execute(this::reconcile);
        return true;
    }

    private void onEvent(ManagerEvent event) {
        eventsReceived.incrementAndGet();
        try {
            if (event instanceof DisconnectEvent) {
                markDown("connection lost");
                return;
            }
            if (event instanceof ConnectEvent) {
                // asterisk-java reconnected by itself: reconcile once it has logged in again.
                worker.execute(() -> {
                    awaitConnected();
                    if (connection != null && connection.getState() == ManagerConnectionState.CONNECTED) {
                        connects.incrementAndGet();
                        markUp("reconnected");
                        reconcile();
                    }
                });
                return;
            }
            translator.translate(event).forEach(events::publish);
        } catch (RuntimeException e) {
            eventsRejected.incrementAndGet();
            log.warn("AMI event {} skipped: {}", event.getClass().getSimpleName(), e.toString());
        }
    }

    /** A reconciliation on the link's worker thread (e.g. the ACD starts dispatching and asks who waits). */
    void reconcileSoon() {
        try {
            worker.execute(this::reconcile);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("AMI link closed; no reconciliation");
        }
    }

    /** Asks Asterisk which channels exist and tells Griot, so calls that ended meanwhile are closed. */
    void reconcile() {
        ManagerConnection current = connection;
        if (current == null) {
            return;
        }
        try {
            ResponseEvents response = current.sendEventGeneratingAction(new CoreShowChannelsAction(),
                    settings.actionTimeout().toMillis());
            Set<String> live = new HashSet<>();
            Set<CallId> liveCalls = new HashSet<>();
            Set<String> waiting = new HashSet<>();
            for (ManagerEvent item : response.getEvents()) {
                if (item instanceof CoreShowChannelEvent channel && channel.getUniqueid() != null) {
                    live.add(channel.getUniqueid());
                    liveCalls.add(new CallId(channel.getUniqueid()));
                    channels.remember(channel.getUniqueid(), channel.getChannel());
                    if (HeldCallsReader.isWaitingArea(channel.getContext(),
                            channel.getExten() != null ? channel.getExten() : channel.getExtension())) {
                        waiting.add(channel.getUniqueid());
                    }
                }
            }
            channels.forgetAllBut(live);
            Instant at = clock.instant();
            List<TelephonyEvent.HeldCall> held = heldCalls.read(current, waiting, at, settings.actionTimeout().toMillis());
            log.info("AMI reconciliation: {} live channel(s), {} caller(s) waiting in griot-hold", live.size(), held.size());
            events.publish(new TelephonyEvent.LiveCallsReconciled(at, liveCalls, held));
        } catch (Exception e) {
            log.warn("AMI reconciliation failed: {}", e.getMessage());
        }
    }

    private void awaitConnected() {
        long deadline = System.nanoTime() + settings.actionTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            ManagerConnection current = connection;
            if (current != null && current.getState() == ManagerConnectionState.CONNECTED) {
                return;
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private void markUp(String detail) {
        if (!up) {
            up = true;
            log.info("AMI link up: {}", detail);
            events.publish(new TelephonyEvent.PbxLinkChanged(clock.instant(), true, detail));
        }
    }

    private void markDown(String detail) {
        if (up) {
            up = false;
            log.warn("AMI link down: {}", detail);
            events.publish(new TelephonyEvent.PbxLinkChanged(clock.instant(), false, detail));
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (supervisor != null) {
            supervisor.interrupt();
        }
        actions.close();
        worker.shutdownNow();
        ManagerConnection current = connection;
        if (current != null) {
            try {
                current.logoff();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
    }
}
