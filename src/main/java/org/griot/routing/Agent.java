package org.griot.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** An agent as the ACD's thread holds it (mutable, never shared: others get {@link AgentView}s). */
final class Agent {

    final String id;
    String displayName;
    String team;
    String extension;
    AgentState state = AgentState.LOGGED_OUT;
    String pauseReason;
    Instant stateSince;
    /** Since when the agent waits for a contact: the longest idle is offered first. */
    Instant idleSince;
    Instant wrapUpEnds;
    Long contactId;
    Map<String, Integer> skills = new HashMap<>();
    Set<String> queues = new HashSet<>();

    Agent(String id) {
        this.id = id;
    }

    /** Has every skill the contact needs at {@code level} or better. */
    boolean masters(Iterable<String> neededSkills, int level) {
        for (String skill : neededSkills) {
            Integer own = skills.get(skill);
            if (own == null || own < level) {
                return false;
            }
        }
        return true;
    }

    AgentView view() {
        return new AgentView(id, displayName, team, extension, state, pauseReason, stateSince, wrapUpEnds, contactId,
                Map.copyOf(skills), Set.copyOf(queues));
    }
}
