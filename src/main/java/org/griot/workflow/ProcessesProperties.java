package org.griot.workflow;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the BPMN/DMN models live (deployed at start, and where accepted uploads are written). */
@ConfigurationProperties("griot.processes")
public record ProcessesProperties(String path) {

    public ProcessesProperties {
        if (path == null || path.isBlank()) {
            path = "./processes";
        }
    }
}
