package org.griot.ivr.selfcare;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which back end answers the self-care lookups ({@code demo}: seeded tables; {@code http}: the
 * operator's REST back end), and how long the IVR may wait for it.
 *
 * @param requestTimeout the bound of one whole lookup, connection included: the caller is waiting
 * @param failureThreshold consecutive failures that open the circuit breaker
 * @param windowSize, failureRatio the breaker also opens when this share of the last calls failed
 * @param openDuration how long an open breaker refuses calls before one trial call
 * @param apiToken sent as a bearer token when set (empty by default: no credentials in the defaults)
 * @param zone where "the current month" is reckoned
 */
@ConfigurationProperties("griot.selfcare")
record SelfCareProperties(String backend, String baseUrl, Duration connectTimeout, Duration requestTimeout,
        int failureThreshold, int windowSize, double failureRatio, Duration openDuration, String apiToken,
        ZoneId zone) {

    static final String DEMO = "demo";
    static final String HTTP = "http";

    SelfCareProperties {
        backend = backend == null || backend.isBlank() ? DEMO : backend.trim();
        if (!DEMO.equals(backend) && !HTTP.equals(backend)) {
            throw new IllegalArgumentException("griot.selfcare.backend must be 'demo' or 'http', not '" + backend + "'");
        }
        baseUrl = baseUrl == null ? "" : baseUrl.trim();
        connectTimeout = connectTimeout == null ? Duration.ofMillis(500) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofMillis(1500) : requestTimeout;
        failureThreshold = failureThreshold <= 0 ? 5 : failureThreshold;
        windowSize = windowSize <= 0 ? 20 : windowSize;
        failureRatio = failureRatio <= 0 || failureRatio > 1 ? 0.5 : failureRatio;
        openDuration = openDuration == null ? Duration.ofSeconds(30) : openDuration;
        apiToken = apiToken == null ? "" : apiToken;
        zone = zone == null ? ZoneId.of("Africa/Porto-Novo") : zone;
    }

    static SelfCareProperties defaults() {
        return new SelfCareProperties(null, null, null, null, 0, 0, 0, null, null, null);
    }
}
