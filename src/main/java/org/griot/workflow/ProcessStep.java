package org.griot.workflow;

import java.util.Map;

/**
 * A step of a call's process that waits for the call's own thread to perform it (an external task
 * of topic {@link CallProcesses#TOPIC}): which step ({@code kind}, e.g. "play", "menu"), where in
 * the model ({@code activityId}), and its inputs and the process variables.
 */
public record ProcessStep(String taskId, String processInstanceId, String activityId, String kind,
        Map<String, Object> variables) {

    public ProcessStep {
        variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(variables));
    }

    public String text(String name) {
        Object value = variables.get(name);
        return value == null ? null : value.toString();
    }

    public String text(String name, String fallback) {
        String value = text(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public int number(String name, int fallback) {
        Object value = variables.get(name);
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value != null && !value.toString().isBlank()) {
            try {
                return Integer.parseInt(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Step " + activityId + ": " + name + " is not a number: " + value, e);
            }
        }
        return fallback;
    }
}
