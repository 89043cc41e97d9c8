package org.griot.decision;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the DRL files live, how often the folder is checked for changes, and the bounds of one
 * decision: at most {@code maxFirings} rule firings and {@code decisionTimeout} of firing, after
 * which the decision is stopped and its caller falls back (ADR 0012).
 */
@ConfigurationProperties("griot.rules")
public record RulesProperties(String path, Duration pollInterval, Integer maxFirings, Duration decisionTimeout) {

    public RulesProperties {
        if (path == null || path.isBlank()) {
            path = "./rules";
        }
        if (pollInterval == null) {
            pollInterval = Duration.ofSeconds(2);
        }
        if (maxFirings == null) {
            maxFirings = 10_000;
        }
        if (maxFirings < 1) {
            throw new IllegalArgumentException("griot.rules.max-firings must be at least 1, not " + maxFirings);
        }
        if (decisionTimeout == null) {
            decisionTimeout = Duration.ofMillis(200);
        }
        if (decisionTimeout.isNegative() || decisionTimeout.isZero()) {
            throw new IllegalArgumentException("griot.rules.decision-timeout must be positive, not " + decisionTimeout);
        }
    }
}
