package org.griot.workflow;

import org.griot.workflow.internal.CallHistoryPlugin;
import org.griot.workflow.internal.ModelSandboxPlugin;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Installs Griot's model sandbox in the embedded engine (the Spring starter applies every
 * ProcessEnginePlugin bean): checked deployments on every door, sandboxed expressions that resolve
 * process variables, Griot's functions and the registered delegates only (docs/adr/0011-models-are-data.md).
 */
@Configuration(proxyBeanMethods = false)
class ModelSandboxConfiguration {

    @Bean
    static ModelSandboxPlugin modelSandboxPlugin(ApplicationContext context) {
        // Looked up when a step runs, never at start: the delegates' own dependencies may need the engine.
        return new ModelSandboxPlugin(context::getBean, context::containsBean, true);
    }

    /** History level griot-call: full, narrower for the IVR call processes (docs/adr/0017-narrower-history-for-call-processes.md). */
    @Bean
    static CallHistoryPlugin callHistoryPlugin() {
        return new CallHistoryPlugin(CallProcesses.TOPIC);
    }
}
