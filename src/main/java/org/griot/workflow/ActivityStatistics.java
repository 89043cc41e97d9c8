package org.griot.workflow;

/**
 * How one activity of a process version fared over a period: how many times callers reached it
 * ({@code visits}) and how many hung up there ({@code dropOuts}).
 */
public record ActivityStatistics(String activityId, String name, String type, long visits, long dropOuts) {

    /** Drop-outs per hundred visits, 0 when never visited. */
    public double dropOutRate() {
        return visits == 0 ? 0 : 100.0 * dropOuts / visits;
    }
}
