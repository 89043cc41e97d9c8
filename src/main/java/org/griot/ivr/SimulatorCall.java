package org.griot.ivr;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * One call of the browser IVR simulator: who placed it, its session, and everything that happened
 * on it as {@link SimulatorEvent}s, kept so a page that (re)connects gets the whole story, then the
 * new events as they happen (server push to its subscribers).
 */
final class SimulatorCall {

    /** Receives a call's events; {@code ended} once, after the last one. */
    interface Subscriber {
        void event(SimulatorEvent event) throws Exception;

        void ended();
    }

    /** Sends one event to a page; may fail (the page has gone). */
    interface EventSink {
        void send(SimulatorEvent event) throws Exception;
    }

    static Subscriber subscriber(EventSink sink, Runnable onEnded) {
        return new Subscriber() {
            @Override
            public void event(SimulatorEvent event) throws Exception {
                sink.send(event);
            }

            @Override
            public void ended() {
                onEnded.run();
            }
        };
    }

    private final String id;
    private final String owner;
    private final String callerNumber;
    private final String serviceNumber;
    private final boolean staging;
    private final Instant startedAt;
    private final List<SimulatorEvent> events = new ArrayList<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private BrowserCallSession session;
    private volatile String processInstanceId;
    private volatile String definitionId;
    private volatile boolean ended;
    private volatile Instant endedAt;

    SimulatorCall(String id, String owner, String callerNumber, String serviceNumber, boolean staging, Instant startedAt) {
        this.id = id;
        this.owner = owner;
        this.callerNumber = callerNumber;
        this.serviceNumber = serviceNumber;
        this.staging = staging;
        this.startedAt = startedAt;
    }

    void attach(BrowserCallSession session) {
        this.session = session;
    }

    String id() {
        return id;
    }

    String owner() {
        return owner;
    }

    String callerNumber() {
        return callerNumber;
    }

    String serviceNumber() {
        return serviceNumber;
    }

    boolean staging() {
        return staging;
    }

    Instant startedAt() {
        return startedAt;
    }

    boolean ended() {
        return ended;
    }

    Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    Optional<String> processInstanceId() {
        return Optional.ofNullable(processInstanceId);
    }

    Optional<String> definitionId() {
        return Optional.ofNullable(definitionId);
    }

    void processStarted(String processInstanceId, String definitionId) {
        this.processInstanceId = processInstanceId;
        this.definitionId = definitionId;
    }

    void press(char key) {
        if (!ended) {
            session.press(key);
        }
    }

    void silence() {
        if (!ended) {
            session.silence();
        }
    }

    void hangUp() {
        if (!ended) {
            session.callerHangsUp();
        }
    }

    boolean isWaitingForDigits() {
        return !ended && session.isWaitingForDigits();
    }

    boolean hungUpByCaller() {
        return session.hungUpByCaller();
    }

    /** Records an event and pushes it to the subscribers; a subscriber that fails is dropped. */
    synchronized SimulatorEvent publish(String type, Map<String, Object> data) {
        SimulatorEvent event = new SimulatorEvent(events.size() + 1, type, withoutNulls(data));
        events.add(event);
        for (Subscriber subscriber : subscribers) {
            deliver(subscriber, event);
        }
        notifyAll();
        return event;
    }

    /** The call is over: the subscribers are told and let go. */
    synchronized void end(Map<String, Object> outcome) {
        if (ended) {
            return;
        }
        publish("ended", outcome);
        ended = true;
        endedAt = Instant.now();
        for (Subscriber subscriber : subscribers) {
            subscriber.ended();
        }
        subscribers.clear();
        notifyAll();
    }

    /** Replays the events after {@code lastSeen}, then pushes the new ones (or ends at once if the call has). */
    synchronized void subscribe(long lastSeen, Subscriber subscriber) {
        for (SimulatorEvent event : events) {
            if (event.id() > lastSeen && !deliver(subscriber, event)) {
                return;
            }
        }
        if (ended) {
            subscriber.ended();
        } else {
            subscribers.add(subscriber);
        }
    }

    void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    synchronized List<SimulatorEvent> events() {
        return List.copyOf(events);
    }

    /** Waits for an event matching the condition (already past or to come); empty after the timeout. */
    synchronized Optional<SimulatorEvent> await(Predicate<SimulatorEvent> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < events.size(); checked++) {
                if (condition.test(events.get(checked))) {
                    return Optional.of(events.get(checked));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private boolean deliver(Subscriber subscriber, SimulatorEvent event) {
        try {
            subscriber.event(event);
            return true;
        } catch (Exception e) {
            subscribers.remove(subscriber);
            return false;
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> data) {
        Map<String, Object> copy = new HashMap<>();
        data.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
