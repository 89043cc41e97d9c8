package org.griot.telephony;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** "telephony" health: DOWN while the control link to the PBX is down (calls cannot be connected). */
@Component("telephony")
class TelephonyHealthIndicator implements HealthIndicator {

    private final TelephonyControl control;
    private final TelephonyProperties properties;

    TelephonyHealthIndicator(TelephonyControl control, TelephonyProperties properties) {
        this.control = control;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Health.Builder builder = control.isConnected() ? Health.up() : Health.down();
        return builder.withDetail("adapter", properties.adapter()).build();
    }
}
