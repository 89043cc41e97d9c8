package org.griot.decision;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the DRL files live and how often the folder is checked for changes. */
@ConfigurationProperties("griot.rules")
public record RulesProperties(String path, Duration pollInterval) {

    public RulesProperties {
        if (path == null || path.isBlank()) {
            path = "./rules";
        }
        if (pollInterval == null) {
            pollInterval = Duration.ofSeconds(2);
        }
    }
}
