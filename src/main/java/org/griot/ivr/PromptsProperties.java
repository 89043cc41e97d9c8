package org.griot.ivr;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.util.unit.DataSize;

/**
 * Where the IVR prompts live ({@code catalogue.csv}, one folder of wav files per language, and the
 * uploaded versions under {@code uploads/}), and the largest audio file an analyst may upload.
 */
@ConfigurationProperties("griot.prompts")
record PromptsProperties(String path, DataSize maxUploadSize) {

    @ConstructorBinding
    PromptsProperties {
        if (path == null || path.isBlank()) {
            path = "./prompts";
        }
        if (maxUploadSize == null) {
            maxUploadSize = DataSize.ofMegabytes(5); // about 5 minutes at 8 kHz, 16-bit, mono
        }
    }

    PromptsProperties(String path) {
        this(path, null);
    }
}
