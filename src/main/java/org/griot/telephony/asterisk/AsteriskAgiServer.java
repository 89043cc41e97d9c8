package org.griot.telephony.asterisk;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.griot.telephony.CallHungUpException;
import org.griot.telephony.CallId;
import org.griot.telephony.CallInfo;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallScripts;
import org.griot.telephony.TelephonyEvent;
import org.griot.telephony.TelephonyEvents;
import org.griot.telephony.TelephonyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Griot's FastAGI server: Asterisk connects for each call that reaches AGI(agi://griot:4573/&lt;script&gt;);
 * the session becomes a {@link AgiCallSession} served by the {@link CallScript} of that name. A
 * script failure, a hang-up or malformed protocol input ends that one session, never the server.
 */
public class AsteriskAgiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AsteriskAgiServer.class);

    private final TelephonyProperties.Agi settings;
    private final CallScripts scripts;
    private final TelephonyEvents events;
    private final Clock clock;
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private DefaultAgiServer server;
    private Thread thread;
    private int port;

    private final AsteriskChannels channels;

    public AsteriskAgiServer(TelephonyProperties.Agi settings, CallScripts scripts, TelephonyEvents events, Clock clock,
            AsteriskChannels channels) {
        this.channels = channels;
        this.settings = settings;
        this.scripts = scripts;
        this.events = events;
        this.clock = clock;
    }

    public synchronized void start() throws IOException {
        port = settings.port() == 0 ? freePort() : settings.port();
        server = new DefaultAgiServer(new ScriptMapping());
        server.setAddress(InetAddress.getByName(settings.bind()));
        server.setPort(port);
        server.setPoolSize(settings.poolSize());
        server.setMaximumPoolSize(settings.maxPoolSize());
        server.setSocketReadTimeout((int) settings.readTimeout().toMillis());
        thread = new Thread(() -> {
            try {
                server.startup();
            } catch (IOException | RuntimeException e) {
                log.error("FastAGI server on {}:{} stopped: {}", settings.bind(), port, e.getMessage(), e);
            }
        }, "fastagi-server");
        thread.setDaemon(true);
        thread.start();
        awaitListening();
        log.info("FastAGI server listening on {}:{} for scripts {}", settings.bind(), port, scripts.names());
    }

    /** The port actually listened on (a free one when configured as 0). */
    public int port() {
        return port;
    }

    /** Sessions served since start, and sessions that ended on an error other than a hang-up. */
    public long sessionsServed() {
        return sessions.get();
    }

    public long sessionsFailed() {
        return failures.get();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.shutdown();
            } catch (IllegalStateException e) {
                log.debug("FastAGI server already stopped");
            }
            server = null;
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (java.net.Socket probe = new java.net.Socket(settings.bind(), port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting FastAGI", e);
                }
            }
        }
        throw new IOException("FastAGI server did not start listening on " + settings.bind() + ":" + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Maps agi://host:port/&lt;script&gt;?params to the Griot script of that name. */
    private final class ScriptMapping implements MappingStrategy {
        @Override
        public AgiScript determineScript(AgiRequest request, AgiChannel channel) {
            return this::serve;
        }

        private void serve(AgiRequest request, AgiChannel channel) {
            // A probe connection (no AGI environment) has no unique id: nothing to serve.
            if (request.getUniqueId() == null) {
                return;
            }
            sessions.incrementAndGet();
            CallInfo info = callInfo(request);
            channels.remember(request.getUniqueId(), request.getChannel());
            String name = scriptName(request.getScript());
            CallScript script = scripts.find(name).orElse(null);
            if (script == null) {
                failures.incrementAndGet();
                log.error("Call {} asked for unknown script '{}' ({}): hanging up", info.callId(), name, request.getRequestURL());
                safeHangup(channel);
                return;
            }
            events.publish(new TelephonyEvent.CallArrived(clock.instant(), info));
            try {
                script.serve(new AgiCallSession(info, channel, channels));
            } catch (CallHungUpException e) {
                // A caller hanging up, or a session whose socket failed (asterisk-java reports both alike).
                log.info("Call {} ended during script {}: hung up or connection lost", info.callId(), name);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                log.error("Script {} failed on call {}: the call ends, the server goes on", name, info.callId(), e);
                safeHangup(channel);
            }
        }
    }

    private CallInfo callInfo(AgiRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (request.getParameterMap() != null) {
            request.getParameterMap().forEach((key, values) -> {
                if (values != null && values.length > 0) {
                    parameters.put(key, values[0]);
                }
            });
        }
        List<String> arguments = request.getArguments() == null ? List.of() : Arrays.asList(request.getArguments());
        return new CallInfo(new CallId(request.getUniqueId()), known(request.getCallerIdNumber()),
                known(request.getCallerIdName()), known(request.getExtension()), scriptName(request.getScript()),
                parameters, arguments.stream().map(a -> a == null ? "" : a).toList(), known(request.getLanguage()),
                request.getChannel(), clock.instant());
    }

    static String scriptName(String script) {
        if (script == null) {
            return "";
        }
        String name = script.startsWith("/") ? script.substring(1) : script;
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }

    private static String known(String value) {
        return value == null || "unknown".equals(value) ? null : value;
    }

    private static void safeHangup(AgiChannel channel) {
        try {
            channel.hangup();
        } catch (Exception e) {
            log.debug("Hang-up after failure not possible: {}", e.getMessage());
        }
    }
}
