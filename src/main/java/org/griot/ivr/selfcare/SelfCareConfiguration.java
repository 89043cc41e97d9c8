package org.griot.ivr.selfcare;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One {@link SubscriberDirectory} bean, chosen by {@code griot.selfcare.backend}, counted by outcome. */
@Configuration(proxyBeanMethods = false)
class SelfCareConfiguration {

    static final String BREAKER_STATE = "griot.selfcare.breaker.state";

    @Bean
    @ConditionalOnProperty(name = "griot.selfcare.backend", havingValue = SelfCareProperties.DEMO, matchIfMissing = true)
    SubscriberDirectory demoSubscriberDirectory(DataSource dataSource, SelfCareProperties properties, Clock clock,
            MeterRegistry meters) {
        // Its own template so a stuck query is cut (JDBC timeouts are whole seconds) without touching the shared one.
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setQueryTimeout((int) Math.max(1, Math.ceil(properties.requestTimeout().toMillis() / 1000.0)));
        return new MeteredSubscriberDirectory(
                new DemoSubscriberDirectory(JdbcClient.create(template), clock, properties.zone()), meters,
                SelfCareProperties.DEMO);
    }

    @Bean
    @ConditionalOnProperty(name = "griot.selfcare.backend", havingValue = SelfCareProperties.HTTP)
    SubscriberDirectory httpSubscriberDirectory(SelfCareProperties properties, ObjectMapper json, Clock clock,
            MeterRegistry meters) {
        CircuitBreaker breaker = new CircuitBreaker(properties.failureThreshold(), properties.windowSize(),
                properties.failureRatio(), properties.openDuration(), clock);
        registerBreakerGauges(breaker, meters);
        return new MeteredSubscriberDirectory(new HttpSubscriberDirectory(properties, breaker, json, clock), meters,
                SelfCareProperties.HTTP);
    }

    /** One gauge per state, 1 for the current one: "open == 1" is the alert. */
    static void registerBreakerGauges(CircuitBreaker breaker, MeterRegistry meters) {
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            Gauge.builder(BREAKER_STATE, breaker, b -> b.state() == state ? 1 : 0)
                    .description("State of the self-care back end's circuit breaker (1 = current)")
                    .tag("state", state.name().toLowerCase(Locale.ROOT)).strongReference(true).register(meters);
        }
    }
}
