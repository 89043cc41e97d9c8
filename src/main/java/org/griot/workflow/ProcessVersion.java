package org.griot.workflow;

/** One deployed version of a process: its definition id, key, version number and name. */
public record ProcessVersion(String definitionId, String key, int version, String name) {
}
