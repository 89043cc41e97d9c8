package org.griot.routing;

/** A contact's life in the ACD: waiting in a queue, offered to an agent, talking, ended. */
public enum ContactState {
    WAITING, OFFERED, CONNECTED, ENDED
}
