package org.griot.decision;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** "rules" health: UP while a production rule base serves; staging and the last refused change are details. */
@Component("rules")
class RulesHealthIndicator implements HealthIndicator {

    private final RulesHost host;

    RulesHealthIndicator(RulesHost host) {
        this.host = host;
    }

    @Override
    public Health health() {
        Health.Builder builder = host.serving()
                .map(s -> Health.up().withDetail("version", s.version()).withDetail("rules", s.ruleCount()))
                .orElseGet(() -> Health.down().withDetail("reason", "no rule base has ever built"));
        host.staging().ifPresent(s -> builder.withDetail("stagingVersion", s.version()));
        host.lastRejection().ifPresent(r -> builder.withDetail("lastRejected", r.at().toString())
                .withDetail("lastRejectionErrors", r.errors().size()));
        return builder.build();
    }
}
