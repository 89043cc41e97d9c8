package org.griot.decision;

/** A rule that fired during a decision: its package and name. */
public record FiredRule(String packageName, String name) {

    @Override
    public String toString() {
        return packageName + "." + name;
    }
}
