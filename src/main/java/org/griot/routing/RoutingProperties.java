package org.griot.routing;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ACD's own settings (queues are data, administered on /routing/queues).
 *
 * @param zone          the contact center's time zone (business hours)
 * @param tick          how often waits are re-examined (wrap-up ends, relaxation, overflow, lost ring events)
 * @param defaultQueue  where a contact goes when the rules name a queue that does not exist
 * @param nodeId        this node's name in the dispatcher lease (default: host name)
 * @param lease         how long the dispatcher lease lasts without renewal (another node takes over after it)
 */
@ConfigurationProperties("griot.routing")
public record RoutingProperties(ZoneId zone, Duration tick, String defaultQueue, String nodeId, Duration lease) {

    public RoutingProperties {
        zone = zone == null ? ZoneId.of("Africa/Porto-Novo") : zone;
        tick = tick == null ? Duration.ofSeconds(1) : tick;
        defaultQueue = defaultQueue == null ? "general" : defaultQueue;
        if (nodeId == null || nodeId.isBlank()) {
            try {
                nodeId = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                nodeId = "griot";
            }
        }
        lease = lease == null ? Duration.ofSeconds(15) : lease;
    }
}
