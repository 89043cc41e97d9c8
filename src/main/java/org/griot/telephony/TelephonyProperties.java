package org.griot.telephony;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which adapter serves the port ({@code simulated} without a PBX, {@code asterisk} for a real one)
 * and how to reach Asterisk: its AMI, and Griot's FastAGI server that Asterisk connects to.
 */
@ConfigurationProperties("griot.telephony")
public record TelephonyProperties(String adapter, Ami ami, Agi agi) {

    public TelephonyProperties {
        adapter = adapter == null || adapter.isBlank() ? "simulated" : adapter;
        ami = ami == null ? new Ami(null, null, null, null, null, 0, 0, null, null) : ami;
        agi = agi == null ? new Agi(null, null, 0, 0, null, null, 0, null) : agi;
    }

    /**
     * AMI: one connection per node. Outbound actions go through a bounded queue sent at most
     * {@code actionsPerSecond}, each answered within {@code actionTimeout} or failed.
     */
    public record Ami(String host, Integer port, String username, String password, Duration actionTimeout,
            int actionsPerSecond, int queueCapacity, Duration reconnectMinDelay, Duration reconnectMaxDelay) {
        public Ami {
            host = host == null || host.isBlank() ? "127.0.0.1" : host;
            port = port == null ? 5038 : port;
            username = username == null ? "griot" : username;
            password = password == null ? "" : password;
            actionTimeout = actionTimeout == null ? Duration.ofSeconds(5) : actionTimeout;
            actionsPerSecond = actionsPerSecond <= 0 ? 100 : actionsPerSecond;
            queueCapacity = queueCapacity <= 0 ? 10_000 : queueCapacity;
            reconnectMinDelay = reconnectMinDelay == null ? Duration.ofMillis(500) : reconnectMinDelay;
            reconnectMaxDelay = reconnectMaxDelay == null ? Duration.ofSeconds(30) : reconnectMaxDelay;
        }
    }

    /**
     * FastAGI: where Griot listens ({@code bind}:{@code port}); Asterisk's dialplan names Griot's host
     * in its global GRIOT_AGI_HOST. {@code poolSize}..{@code maxPoolSize} threads serve calls, with no
     * queue: a session that finds every thread busy is refused (socket closed). A session whose PBX says
     * nothing for {@code readTimeout} (longer than any prompt, digit wait or recording) is broken — e.g. a
     * malformed reply left the reader waiting — and is ended.
     * <p>Before a session gets a thread, its AGI header block (the agi_* environment Asterisk sends at once)
     * must arrive within {@code headerTimeout}; until then the connection costs no thread. One source
     * address holds at most {@code maxConnectionsPerSource} connections (waiting for their header or
     * in a session), and when {@code allowedSources} is not empty only those addresses or CIDR ranges
     * (IP literals, e.g. 172.30.10.0/24) may connect at all.
     */
    public record Agi(String bind, Integer port, int poolSize, int maxPoolSize, Duration readTimeout,
            Duration headerTimeout, int maxConnectionsPerSource, List<String> allowedSources) {
        public Agi {
            bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
            port = port == null ? 4573 : port; // 0: any free port (tests)
            poolSize = poolSize <= 0 ? 20 : poolSize;
            maxPoolSize = maxPoolSize <= 0 ? 400 : maxPoolSize;
            poolSize = Math.min(poolSize, maxPoolSize);
            readTimeout = readTimeout == null ? Duration.ofMinutes(5) : readTimeout;
            headerTimeout = headerTimeout == null || headerTimeout.isZero() || headerTimeout.isNegative()
                    ? Duration.ofSeconds(5) : headerTimeout;
            // Above the pool: Asterisk holds one connection per call in AGI, plus a few waiting for a thread.
            maxConnectionsPerSource = maxConnectionsPerSource <= 0 ? maxPoolSize + 100 : maxConnectionsPerSource;
            allowedSources = allowedSources == null ? List.of()
                    : allowedSources.stream().map(String::strip).filter(source -> !source.isEmpty()).toList();
        }
    }
}
