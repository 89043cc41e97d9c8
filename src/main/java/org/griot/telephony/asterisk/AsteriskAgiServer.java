package org.griot.telephony.asterisk;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.fastagi.internal.DefaultAgiChannelFactory;
import org.asteriskjava.fastagi.internal.FastAgiConnectionHandler;
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
 * Griot's own {@link AgiAcceptor} accepts the connections (asterisk-java's server gave every idle
 * connection a thread for five minutes, so ~550 of them refused all calls); asterisk-java's
 * connection handler then runs the AGI protocol of each session.
 */
public class AsteriskAgiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AsteriskAgiServer.class);

    /** A refusal burst ends after this long without a refusal; then its summary is logged. */
    static final Duration BURST_QUIET = Duration.ofSeconds(10);

    private final TelephonyProperties.Agi settings;
    private final CallScripts scripts;
    private final TelephonyEvents events;
    private final Clock clock;
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AsteriskChannels channels;
    private final AgiSourcePolicy policy;
    private final ScriptMapping mapping = new ScriptMapping();
    private final DefaultAgiChannelFactory channelFactory = new DefaultAgiChannelFactory();
    private ThreadPoolExecutor pool;
    private AgiAcceptor acceptor;
    private int port;

    public AsteriskAgiServer(TelephonyProperties.Agi settings, CallScripts scripts, TelephonyEvents events, Clock clock,
            AsteriskChannels channels) {
        this.channels = channels;
        this.settings = settings;
        this.scripts = scripts;
        this.events = events;
        this.clock = clock;
        this.policy = new AgiSourcePolicy(settings.allowedSources(), settings.maxConnectionsPerSource());
    }

    public synchronized void start() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(InetAddress.getByName(settings.bind()), settings.port()), 1024);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        AtomicInteger threads = new AtomicInteger();
        // No queue: a session either gets a thread now or is refused; a queue would only hide the overload
        // while Asterisk's caller hears silence.
        pool = new ThreadPoolExecutor(settings.poolSize(), settings.maxPoolSize(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "fastagi-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        acceptor = new AgiAcceptor(server, policy, settings.headerTimeout(), settings.readTimeout(), pool, this::run,
                clock, new BurstLog("FastAGI connection", BURST_QUIET, log::warn));
        log.info("FastAGI server listening on {}:{} for scripts {} (header timeout {}, at most {} connections per source, "
                + "{} sessions, sources {})", settings.bind(), port, scripts.names(), settings.headerTimeout(),
                settings.maxConnectionsPerSource(), settings.maxPoolSize(),
                settings.allowedSources().isEmpty() ? "any" : settings.allowedSources());
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

    /** True while the acceptor runs (it stops only on close or a selector failure, logged as an error). */
    public boolean isListening() {
        return acceptor != null && acceptor.isRunning();
    }

    /** Connections accepted whose AGI header has not arrived yet, and sessions holding a thread. */
    public int pendingHeaders() {
        return acceptor == null ? 0 : acceptor.pendingHeaders();
    }

    public int activeSessions() {
        return acceptor == null ? 0 : acceptor.activeSessions();
    }

    /** Connections closed without a session, since start: source not allowed or over its bound, header too slow, pool full. */
    public long connectionsRefused() {
        return acceptor == null ? 0 : Arrays.stream(AgiAcceptor.Refusal.values()).mapToLong(acceptor::refused).sum();
    }

    long connectionsRefused(AgiAcceptor.Refusal reason) {
        return acceptor == null ? 0 : acceptor.refused(reason);
    }

    @Override
    public synchronized void close() {
        if (acceptor != null) {
            acceptor.close();
            acceptor = null;
        }
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }

    private void run(AgiConnection connection) {
        try {
            new FastAgiConnectionHandler(mapping, connection, channelFactory).run();
        } finally {
            try {
                connection.close();
            } catch (IOException e) {
                log.debug("Closing a FastAGI session: {}", e.getMessage());
            }
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
