package org.griot.workflow.internal;

import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * Griot's model sandbox for the process tests without Spring (griot-process-tests.cfg.xml): the same checks and
 * expression sandbox as the application, with the delegates the tests register as Camunda mocks.
 */
public class ModelSandboxForProcessTests extends ModelSandboxPlugin {

    public ModelSandboxForProcessTests() {
        super(Mocks::get, name -> false, true);
    }
}
