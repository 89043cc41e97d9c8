package org.griot.routing;

/** An ACD command that cannot be done now (wrong state, unknown agent or queue), with the reason. */
public class AcdException extends RuntimeException {

    public AcdException(String message) {
        super(message);
    }
}
