package org.griot.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Login throttling and the first administrator of a production install. */
@ConfigurationProperties("griot.security")
public record SecurityProperties(int maxFailedLogins, Duration lockoutDuration, BootstrapAdmin bootstrapAdmin) {

    public SecurityProperties {
        if (maxFailedLogins <= 0) {
            maxFailedLogins = 5;
        }
        if (lockoutDuration == null) {
            lockoutDuration = Duration.ofMinutes(15);
        }
    }

    /** Created once, at the first start of an install with no administrator (production). */
    public record BootstrapAdmin(String username, String password) {
    }
}
