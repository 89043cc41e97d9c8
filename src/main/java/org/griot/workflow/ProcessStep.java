package org.griot.workflow;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A step of a call's process that waits for the call's own thread to perform it (an external task
 * of topic {@link CallProcesses#TOPIC}): which step ({@code kind}, e.g. "play", "menu"), where in
 * the model ({@code activityId}), its configuration (the task's properties in the model, read with
 * {@link #text} and {@link #number}) and the process variables it reads ({@link #variable}), fetched
 * with it: {@code fetched} names them.
 */
public record ProcessStep(String taskId, String processInstanceId, String activityId, String kind,
        Map<String, String> configuration, Map<String, Object> variables, Set<String> fetched) {

    public ProcessStep {
        configuration = configuration == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(configuration));
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(variables));
        fetched = fetched == null ? Set.copyOf(variables.keySet()) : Set.copyOf(fetched);
    }

    /** A setting of the step (its property), or null. */
    public String text(String name) {
        String value = configuration.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    public String text(String name, String fallback) {
        String value = text(name);
        return value == null ? fallback : value;
    }

    public int number(String name, int fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Step " + activityId + ": " + name + " is not a number: " + value, e);
        }
    }

    /**
     * A process variable the step reads, or null when the process has none of that name. Only the
     * variables fetched with the step can be read: asking for another is a programming error (the
     * step's {@link CallStepVariables} forgot it), not a missing value.
     */
    public Object variable(String name) {
        if (!fetched.contains(name)) {
            throw new IllegalStateException("Step " + activityId + " reads variable '" + name
                    + "', which was not fetched with it (only " + fetched + "): declare it in the step's CallStepVariables");
        }
        return variables.get(name);
    }

    public String variableText(String name, String fallback) {
        Object value = variable(name);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
