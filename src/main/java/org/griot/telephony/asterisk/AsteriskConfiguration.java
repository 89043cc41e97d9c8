package org.griot.telephony.asterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.griot.telephony.CallScripts;
import org.griot.telephony.TelephonyEvents;
import org.griot.telephony.TelephonyProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Asterisk adapter (griot.telephony.adapter=asterisk): Griot's FastAGI server and its AMI link. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "griot.telephony.adapter", havingValue = "asterisk")
class AsteriskConfiguration {

    @Bean
    AsteriskChannels asteriskChannels() {
        return new AsteriskChannels();
    }

    @Bean(destroyMethod = "close")
    AsteriskAgiServer asteriskAgiServer(TelephonyProperties properties, CallScripts scripts, TelephonyEvents events,
            Clock clock, AsteriskChannels channels) {
        AsteriskAgiServer server = new AsteriskAgiServer(properties.agi(), scripts, events, clock, channels);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the FastAGI server on " + properties.agi().bind() + ":"
                    + properties.agi().port(), e);
        }
        return server;
    }

    @Bean(destroyMethod = "close")
    AmiLink amiLink(TelephonyProperties properties, TelephonyEvents events, Clock clock, AsteriskChannels channels) {
        AmiLink link = new AmiLink(properties.ami(), events, clock, channels, DefaultManagerConnection::new);
        link.start();
        return link;
    }

    /** AMI and FastAGI gauges for Prometheus: a growing action queue or rejected events need a look. */
    @Bean
    MeterBinder asteriskMeters(AmiLink amiLink, AsteriskAgiServer agiServer) {
        return registry -> {
            Gauge.builder("griot.telephony.ami.actions.waiting", amiLink, AmiLink::actionsWaiting).register(registry);
            FunctionCounter.builder("griot.telephony.ami.events", amiLink, AmiLink::eventsReceived).register(registry);
            FunctionCounter.builder("griot.telephony.ami.events.rejected", amiLink, AmiLink::eventsRejected).register(registry);
            FunctionCounter.builder("griot.telephony.ami.connections", amiLink, AmiLink::connections).register(registry);
            Gauge.builder("griot.telephony.ami.up", amiLink, link -> link.isUp() ? 1 : 0).register(registry);
            FunctionCounter.builder("griot.telephony.agi.sessions", agiServer, AsteriskAgiServer::sessionsServed)
                    .register(registry);
            FunctionCounter.builder("griot.telephony.agi.sessions.failed", agiServer, AsteriskAgiServer::sessionsFailed)
                    .register(registry);
            Gauge.builder("griot.telephony.agi.up", agiServer, server -> server.isListening() ? 1 : 0).register(registry);
            Gauge.builder("griot.telephony.agi.connections.pending", agiServer, AsteriskAgiServer::pendingHeaders)
                    .description("FastAGI connections waiting for their AGI header").register(registry);
            Gauge.builder("griot.telephony.agi.sessions.active", agiServer, AsteriskAgiServer::activeSessions)
                    .register(registry);
            for (AgiAcceptor.Refusal reason : AgiAcceptor.Refusal.values()) {
                FunctionCounter.builder("griot.telephony.agi.connections.refused", agiServer,
                        server -> server.connectionsRefused(reason)).tag("reason", reason.name().toLowerCase())
                        .register(registry);
            }
        };
    }

    @Bean
    AsteriskTelephonyControl asteriskTelephonyControl(AmiLink amiLink) {
        return new AsteriskTelephonyControl(amiLink);
    }
}
