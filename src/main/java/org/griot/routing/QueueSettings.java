package org.griot.routing;

import java.time.Duration;

/**
 * A queue and its settings: service-level target (slPercent % answered within slSeconds), wrap-up
 * time, how long an agent's phone rings before the contact goes back to its place, the longest wait
 * before the caller overflows to another queue (0 = never), business hours, how often waiting callers
 * hear their position (0 = never), and skill relaxation: the skill level a contact needs at first,
 * and the level accepted once it has waited relaxAfterSeconds (0 = never relaxed).
 */
public record QueueSettings(String id, String name, int slPercent, int slSeconds, int wrapUpSeconds, int ringSeconds,
        int maxWaitSeconds, String overflowQueue, String businessHours, int announceSeconds, int skillLevel,
        int relaxAfterSeconds, int relaxedLevel) {

    public QueueSettings {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("A queue id is 1 to 32 lower-case letters, digits or dashes: " + id);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Queue " + id + " needs a name");
        }
        requireRange("slPercent", slPercent, 1, 100);
        requireRange("slSeconds", slSeconds, 1, 3600);
        requireRange("wrapUpSeconds", wrapUpSeconds, 0, 3600);
        requireRange("ringSeconds", ringSeconds, 5, 120);
        requireRange("maxWaitSeconds", maxWaitSeconds, 0, 24 * 3600);
        requireRange("announceSeconds", announceSeconds, 0, 3600);
        requireRange("skillLevel", skillLevel, 1, 5);
        requireRange("relaxAfterSeconds", relaxAfterSeconds, 0, 24 * 3600);
        requireRange("relaxedLevel", relaxedLevel, 1, 5);
        if (relaxedLevel > skillLevel) {
            throw new IllegalArgumentException("Queue " + id + ": the relaxed skill level (" + relaxedLevel
                    + ") cannot be above the starting level (" + skillLevel + ")");
        }
        overflowQueue = overflowQueue == null || overflowQueue.isBlank() ? null : overflowQueue.trim();
        if (id.equals(overflowQueue)) {
            throw new IllegalArgumentException("Queue " + id + " cannot overflow to itself");
        }
        if (businessHours != null && !businessHours.isBlank()) {
            BusinessHours.parse(businessHours); // refuses a malformed schedule with its reason
        } else {
            businessHours = null;
        }
    }

    /** The skill level a contact of this queue needs after waiting {@code waited}. */
    public int requiredLevel(Duration waited) {
        if (relaxAfterSeconds > 0 && waited.toSeconds() >= relaxAfterSeconds) {
            return relaxedLevel;
        }
        return skillLevel;
    }

    public BusinessHours hours() {
        return businessHours == null ? BusinessHours.ALWAYS : BusinessHours.parse(businessHours);
    }

    private void requireRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("Queue " + id + ": " + field + " must be between " + min + " and " + max
                    + " (was " + value + ")");
        }
    }
}
