package org.griot.routing;

import java.time.Instant;
import java.util.List;

/** A contact as the ACD's thread holds it; {@link ContactView} is what leaves the thread. */
final class Contact {

    final long id;
    final String channel;
    /** The PBX call: for a callback, the customer's leg once answered. */
    String callId;
    final String callerNumber;
    String queue;
    int priority;
    final List<String> skills;
    ContactState state = ContactState.WAITING;
    /** When the caller started waiting for an agent: the place in line, kept on no-answer and overflow. */
    Instant arrivedAt;
    /** When it entered its current queue (the queue's maximum wait counts from here). */
    Instant queuedAt;
    Instant answeredAt;
    Instant endedAt;
    String agentId;
    String agentLeg;
    Instant offeredAt;
    int offers;
    /** Not offered again before this (after the PBX refused to connect it). */
    Instant notBefore;
    int lastRequiredLevel;
    /** When the caller last heard their place in line (or started waiting). */
    Instant lastAnnouncedAt;
    final String reason;
    final String routingExplanation;
    final String processInstanceId;
    final String language;
    String outcome;
    String disposition;
    String notes;
    /** The callback request this contact serves (channel CALLBACK), or null. */
    Long callbackRequestId;
    /** The caller was offered to be called back or to leave a message while waiting. */
    boolean optionsOffered;
    /** The Originate in flight for a callback. */
    String originateRequest;

    Contact(long id, String channel, String callId, String callerNumber, String queue, int priority, List<String> skills,
            Instant arrivedAt, String reason, String routingExplanation, String processInstanceId, String language) {
        this.id = id;
        this.channel = channel;
        this.callId = callId;
        this.callerNumber = callerNumber;
        this.queue = queue;
        this.priority = priority;
        this.skills = List.copyOf(skills);
        this.arrivedAt = arrivedAt;
        this.queuedAt = arrivedAt;
        this.reason = reason;
        this.routingExplanation = routingExplanation;
        this.processInstanceId = processInstanceId;
        this.language = language;
    }

    Instant queuedSince() {
        return queuedAt == null ? arrivedAt : queuedAt;
    }

    static final String CALLBACK = "CALLBACK";

    boolean isCallback() {
        return CALLBACK.equals(channel);
    }

    /** A callback whose customer is not on the line yet (no PBX call): it must be dialled, not connected. */
    boolean awaitsDialling() {
        return isCallback() && callId != null && callId.startsWith("callback-");
    }

    ContactView view() {
        return new ContactView(id, channel, callId, callerNumber, queue, priority, skills, state, arrivedAt, answeredAt, endedAt,
                agentId, reason, routingExplanation, processInstanceId, language, outcome, disposition, notes, callbackRequestId);
    }
}
