package org.griot.routing;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** What the desk and supervisors see of an agent at one moment. */
public record AgentView(String id, String displayName, String team, String extension, AgentState state,
        String pauseReason, Instant stateSince, Instant wrapUpEnds, Long contactId, Map<String, Integer> skills,
        Set<String> queues) {
}
