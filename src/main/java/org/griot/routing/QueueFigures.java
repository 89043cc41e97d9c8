package org.griot.routing;

/** A queue's contacts over a period: offered, answered, answered within the service-level target, abandoned. */
public record QueueFigures(int offered, int answered, int answeredInTarget, int abandoned) {

    /** Percentage answered within the target, of the contacts answered or abandoned; 100 when there were none. */
    public int serviceLevelPercent() {
        int handled = answered + abandoned;
        return handled == 0 ? 100 : Math.round(100f * answeredInTarget / handled);
    }
}
