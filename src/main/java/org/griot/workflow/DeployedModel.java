package org.griot.workflow;

import java.time.Instant;

/** A deployed process or decision definition, as listed to analysts. */
public record DeployedModel(String kind, String key, String name, int version, String resource, String deploymentId,
        Instant deployedAt, String source) {
}
