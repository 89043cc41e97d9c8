package org.griot.workflow;

/** A request named a process key of which no version is deployed (the client's mistake: 404). */
public class UnknownProcessException extends RuntimeException {

    private final String processKey;

    public UnknownProcessException(String processKey) {
        super("No process '" + processKey + "' is deployed");
        this.processKey = processKey;
    }

    public String processKey() {
        return processKey;
    }
}
