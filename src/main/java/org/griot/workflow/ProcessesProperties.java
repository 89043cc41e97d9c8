package org.griot.workflow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where the BPMN/DMN models live (deployed at start, and where accepted uploads are written), and the
 * largest model an upload may carry (Griot's models are tens of kilobytes; a bigger one is refused
 * with 413 before it is parsed).
 */
@ConfigurationProperties("griot.processes")
public record ProcessesProperties(String path, DataSize maxUploadSize) {

    public ProcessesProperties {
        if (path == null || path.isBlank()) {
            path = "./processes";
        }
        if (maxUploadSize == null) {
            maxUploadSize = DataSize.ofMegabytes(2);
        }
        if (maxUploadSize.toBytes() <= 0) {
            throw new IllegalArgumentException("griot.processes.max-upload-size must be positive: " + maxUploadSize);
        }
    }
}
