package org.griot.routing;

import java.util.List;
import java.util.Objects;

/**
 * A call that needs an agent, as the IVR (rules) decided: queue, priority (1 = served first), the
 * skills the agent needs, and why (the rules that decided, for the screen pop and the auditors).
 */
public record ContactRequest(String callId, String callerNumber, String queue, int priority, List<String> skills,
        String language, String reason, String routingExplanation, String processInstanceId) {

    public ContactRequest {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(queue, "queue");
        skills = skills == null ? List.of() : skills.stream().filter(s -> s != null && !s.isBlank()).map(String::trim).toList();
        if (priority < 1 || priority > 9) {
            throw new IllegalArgumentException("A priority is 1 (first) to 9 (last): " + priority);
        }
    }

    /** The same contact sent to another queue (e.g. the back-up queue of the outage playbook). */
    public ContactRequest inQueue(String otherQueue, String why) {
        return new ContactRequest(callId, callerNumber, otherQueue, priority, skills, language, why, routingExplanation,
                processInstanceId);
    }
}
