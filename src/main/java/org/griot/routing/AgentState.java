package org.griot.routing;

/** Where an agent is in the ACD's eyes. Only AVAILABLE agents are offered contacts. */
public enum AgentState {
    LOGGED_OUT,
    AVAILABLE,
    /** A contact is offered: the agent's phone is ringing. */
    RESERVED,
    ON_CALL,
    /** After a call, for the queue's wrap-up time (or until the agent is done). */
    WRAP_UP,
    /** Not taking contacts, with a reason (break, training, "no answer" when a call rang unanswered). */
    PAUSED
}
