package org.griot.telephony.simulated;

import java.time.Clock;
import org.griot.telephony.CallScripts;
import org.griot.telephony.TelephonyEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The default adapter (griot.telephony.adapter=simulated): no PBX needed. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "griot.telephony.adapter", havingValue = "simulated", matchIfMissing = true)
class SimulatedTelephonyConfiguration {

    @Bean(destroyMethod = "close")
    SimulatedTelephony simulatedTelephony(ObjectProvider<CallScripts> scripts, TelephonyEvents events, Clock clock) {
        // Lazily: the IVR script depends on the ACD, which depends on this PBX.
        return new SimulatedTelephony(scripts::getObject, events, clock);
    }
}
