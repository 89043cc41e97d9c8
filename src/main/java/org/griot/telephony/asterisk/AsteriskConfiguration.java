package org.griot.telephony.asterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    @Bean(destroyMethod = "close")
    AsteriskAgiServer asteriskAgiServer(TelephonyProperties properties, CallScripts scripts, TelephonyEvents events,
            Clock clock) {
        AsteriskAgiServer server = new AsteriskAgiServer(properties.agi(), scripts, events, clock);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the FastAGI server on " + properties.agi().bind() + ":"
                    + properties.agi().port(), e);
        }
        return server;
    }

    @Bean(destroyMethod = "close")
    AmiLink amiLink(TelephonyProperties properties, TelephonyEvents events, Clock clock) {
        AmiLink link = new AmiLink(properties.ami(), events, clock, DefaultManagerConnection::new);
        link.start();
        return link;
    }

    @Bean
    AsteriskTelephonyControl asteriskTelephonyControl(AmiLink amiLink, TelephonyProperties properties,
            AsteriskAgiServer agiServer) {
        return new AsteriskTelephonyControl(amiLink, properties.agi(), agiServer::port);
    }
}
