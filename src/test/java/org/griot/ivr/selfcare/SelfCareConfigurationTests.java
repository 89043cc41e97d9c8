package org.griot.ivr.selfcare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code http} back end is chosen, configured and metered from properties alone. */
class SelfCareConfigurationTests {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Infrastructure.class, SelfCareConfiguration.class);

    @Test
    void backendHttpBuildsTheHttpDirectoryWithItsBreakerGauge() {
        context.withPropertyValues("griot.selfcare.backend=http", "griot.selfcare.base-url=http://127.0.0.1:9/api",
                "griot.selfcare.request-timeout=700ms", "griot.selfcare.open-duration=10s").run(app -> {
                    assertThat(app).hasNotFailed().hasSingleBean(SubscriberDirectory.class);
                    assertThat(app.getBean(SelfCareProperties.class).requestTimeout()).isEqualTo(Duration.ofMillis(700));
                    assertThat(app.getBean(SelfCareProperties.class).failureThreshold()).isEqualTo(5);
                    assertThat(app.getBean(MeterRegistry.class).get(SelfCareConfiguration.BREAKER_STATE)
                            .tag("state", "closed").gauge().value()).isEqualTo(1);
                    assertThat(app.getBean(SubscriberDirectory.class).balance("97000001"))
                            .isInstanceOf(LookupResult.Unavailable.class); // nobody listens on port 9
                });
    }

    @Test
    void backendHttpWithoutABaseUrlRefusesToStart() {
        context.withPropertyValues("griot.selfcare.backend=http").run(app -> assertThat(app).hasFailed()
                .getFailure().rootCause().hasMessageContaining("griot.selfcare.base-url is required"));
    }

    @Test
    void anUnknownBackendRefusesToStart() {
        context.withPropertyValues("griot.selfcare.backend=ldap").run(app -> assertThat(app).hasFailed()
                .getFailure().rootCause().hasMessageContaining("must be 'demo' or 'http'"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SelfCareProperties.class)
    static class Infrastructure {
        @Bean
        ObjectMapper objectMapper() {
            return new ObjectMapper();
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
