package org.griot.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Login throttling and the first administrator of a production install. */
@ConfigurationProperties("griot.security")
public record SecurityProperties(LoginThrottling loginThrottling, BootstrapAdmin bootstrapAdmin) {

    public SecurityProperties {
        if (loginThrottling == null) {
            loginThrottling = new LoginThrottling(0, null, null, null);
        }
    }

    /**
     * Growing delays after failed logins, per (account, source address): {@code freeFailures} free, then
     * {@code initialDelay}, doubling up to {@code maxDelay}; failures are forgotten after {@code forgetAfter}.
     */
    public record LoginThrottling(int freeFailures, Duration initialDelay, Duration maxDelay, Duration forgetAfter) {
        public LoginThrottling {
            if (freeFailures <= 0) {
                freeFailures = 3;
            }
            if (initialDelay == null) {
                initialDelay = Duration.ofSeconds(1);
            }
            if (maxDelay == null) {
                maxDelay = Duration.ofSeconds(60);
            }
            if (forgetAfter == null) {
                forgetAfter = Duration.ofMinutes(15);
            }
        }
    }

    /** Created once, at the first start of an install with no administrator (production). */
    public record BootstrapAdmin(String username, String password) {
    }
}
