package org.griot.sample;

import org.griot.decision.RuleFact;

/**
 * The fact of the sample triage (proves Camunda → Drools wiring end to end until the 1919 IVR and the
 * ACD bring the real routing facts). Rules read the caller and set the priority and queue.
 */
@RuleFact
public class TriageRequest {

    private final String callerNumber;
    private final String segment;
    private int priority;
    private String queue;

    public TriageRequest(String callerNumber, String segment) {
        this.callerNumber = callerNumber;
        this.segment = segment;
    }

    public String getCallerNumber() {
        return callerNumber;
    }

    public String getSegment() {
        return segment;
    }

    public int getPriority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }
}
