package org.griot.workflow;

import java.util.Map;
import java.util.Set;

/**
 * The process variables a call step reads, given its configuration (e.g. the call's language, the
 * variable a "say" step speaks). Implemented by the feature that performs the steps; the call's
 * process fetches those variables — and only those — with the step.
 */
public interface CallStepVariables {

    Set<String> of(Map<String, String> configuration);
}
