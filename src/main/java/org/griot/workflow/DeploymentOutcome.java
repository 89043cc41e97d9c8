package org.griot.workflow;

import java.util.List;

/** The result of deploying one model file: new definitions, or "unchanged" (duplicate filtered). */
public record DeploymentOutcome(String resource, boolean changed, List<DeployedModel> definitions) {
}
