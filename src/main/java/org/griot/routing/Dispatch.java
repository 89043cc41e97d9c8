package org.griot.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The ACD's choice, in memory and without I/O (so it can be measured alone): the waiting contacts of
 * each queue in service order (priority, then arrival), and the available agents longest idle first.
 * Used from the dispatcher thread only.
 */
final class Dispatch {

    static final Comparator<Contact> ORDER = Comparator.<Contact>comparingInt(c -> c.priority)
            .thenComparing(c -> c.arrivedAt).thenComparingLong(c -> c.id);
    /** Agents never available yet have no idle time: nulls first keeps the order total (and lookups safe). */
    static final Comparator<Agent> LONGEST_IDLE = Comparator.<Agent, Instant>comparing(a -> a.idleSince,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(a -> a.id);

    private final Map<String, QueueSettings> queues;
    private final Map<String, NavigableSet<Contact>> waiting = new HashMap<>();
    private final NavigableSet<Agent> available = new TreeSet<>(LONGEST_IDLE);
    private int waitingCount;
    /** Queues outside business hours now: their callbacks wait (live callers are served while they wait). */
    private java.util.Set<String> closed = java.util.Set.of();

    Dispatch(Map<String, QueueSettings> queues) {
        this.queues = queues;
    }

    /** The longest-idle available agent who serves the contact's queue with its skills at the level required now. */
    void closedQueues(java.util.Set<String> queues) {
        closed = java.util.Set.copyOf(queues);
    }

    private boolean held(Contact contact, Instant now) {
        return contact.notBefore != null && now.isBefore(contact.notBefore)
                || contact.isCallback() && closed.contains(contact.queue);
    }

    Agent agentFor(Contact contact, Instant now) {
        if (held(contact, now)) {
            return null;
        }
        QueueSettings queue = queues.get(contact.queue);
        int level = queue == null ? 1 : queue.requiredLevel(Duration.between(contact.arrivedAt, now));
        contact.lastRequiredLevel = level;
        for (Agent agent : available) {
            if (agent.extension != null && agent.queues.contains(contact.queue) && agent.masters(contact.skills, level)) {
                return agent;
            }
        }
        return null;
    }

    /** The first contact in service order, across the agent's queues, that the agent can serve now. */
    Contact contactFor(Agent agent, Instant now) {
        Contact best = null;
        for (String queueId : agent.queues) {
            NavigableSet<Contact> line = waiting.get(queueId);
            QueueSettings queue = queues.get(queueId);
            if (line == null || queue == null) {
                continue;
            }
            for (Contact contact : line) {
                if (best != null && ORDER.compare(contact, best) >= 0) {
                    break;
                }
                if (held(contact, now)) {
                    continue;
                }
                if (agent.masters(contact.skills, queue.requiredLevel(Duration.between(contact.arrivedAt, now)))) {
                    best = contact;
                    break;
                }
            }
        }
        return best;
    }

    void addWaiting(Contact contact) {
        if (waiting.computeIfAbsent(contact.queue, q -> new TreeSet<>(ORDER)).add(contact)) {
            waitingCount++;
        }
    }

    void removeWaiting(Contact contact) {
        NavigableSet<Contact> line = waiting.get(contact.queue);
        if (line != null && line.remove(contact)) {
            waitingCount--;
        }
    }

    /** Adds an available agent; their idleSince must not change while they are in (it orders the set). */
    void addAvailable(Agent agent) {
        available.add(agent);
    }

    void removeAvailable(Agent agent) {
        available.remove(agent);
    }

    boolean noneAvailable() {
        return available.isEmpty();
    }

    int availableCount() {
        return available.size();
    }

    int waitingCount() {
        return waitingCount;
    }

    List<Contact> line(String queue) {
        NavigableSet<Contact> line = waiting.get(queue);
        return line == null ? List.of() : List.copyOf(line);
    }

    /** Every waiting contact, queue by queue in service order (a copy: callers may change the lines). */
    List<Contact> allWaiting() {
        List<Contact> all = new ArrayList<>(waitingCount);
        waiting.values().forEach(all::addAll);
        return all;
    }

    void clear() {
        waiting.clear();
        available.clear();
        waitingCount = 0;
    }
}
