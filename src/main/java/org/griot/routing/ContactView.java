package org.griot.routing;

import java.time.Instant;
import java.util.List;

/** A contact as the desk and supervisors see it (waiting, offered, connected or ended); a call or a callback. */
public record ContactView(long id, String channel, String callId, String callerNumber, String queue, int priority,
        List<String> skills, ContactState state, Instant arrivedAt, Instant answeredAt, Instant endedAt, String agentId,
        String reason, String routingExplanation, String processInstanceId, String language, String outcome,
        String disposition, String notes, Long callbackRequestId) {

    public boolean isCallback() {
        return "CALLBACK".equals(channel);
    }
}
