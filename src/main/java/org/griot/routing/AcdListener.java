package org.griot.routing;

/**
 * Told of every ACD change, on the ACD's own thread: implementations must return at once (hand
 * slow work such as pushing to browsers to their own thread).
 */
public interface AcdListener {

    void agentChanged(AgentView agent);

    /** A contact was offered to {@code agent} (their phone rings): the moment of the screen pop. */
    default void contactOffered(AgentView agent, ContactView contact) {
    }

    /** A contact ended (answered and hung up, abandoned, transferred). */
    default void contactEnded(ContactView contact) {
    }
}
