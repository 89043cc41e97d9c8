package org.griot.ivr;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the IVR prompts live: {@code catalogue.csv} and one folder of wav files per language. */
@ConfigurationProperties("griot.prompts")
record PromptsProperties(String path) {

    PromptsProperties {
        if (path == null || path.isBlank()) {
            path = "./prompts";
        }
    }
}
