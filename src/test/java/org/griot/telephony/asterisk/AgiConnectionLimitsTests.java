package org.griot.telephony.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallScripts;
import org.griot.telephony.CallSession;
import org.griot.telephony.TelephonyEvents;
import org.griot.telephony.TelephonyProperties;
import org.griot.telephony.simulator.FakeAsterisk;
import org.griot.telephony.simulator.SimulatedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Griot's FastAGI server under a flood of connections that never send their AGI header, over real
 * sockets from several loopback sources (127.0.0.2..): the idle ones cost no session thread, are
 * closed after the header timeout, and a real call placed by the fake Asterisk (from 127.0.0.1) is
 * served meanwhile. Also: the per-source bound, the allow-list, and a full pool refusing at once
 * with one log line per burst.
 */
class AgiConnectionLimitsTests {

    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(4);
    /** Long enough that 600 connections are opened and a call is served before the first one expires, even on a busy machine. */
    static final Duration FLOOD_HEADER_TIMEOUT = Duration.ofSeconds(10);

    final List<String> heard = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    final TelephonyEvents bus = new TelephonyEvents();
    final List<Socket> idle = new ArrayList<>();
    AsteriskAgiServer agi;
    FakeAsterisk fake;

    final CallScript ivr = new CallScript() {
        @Override
        public String name() {
            return "ivr";
        }

        @Override
        public void serve(CallSession call) {
            call.answer();
            call.play("griot/fr/welcome", "");
            heard.add(call.info().callerNumber() + " served");
        }
    };

    /** Holds its session thread until the test releases it. */
    final CallScript waiting = new CallScript() {
        @Override
        public String name() {
            return "waiting";
        }

        @Override
        public void serve(CallSession call) {
            call.answer();
            heard.add(call.info().callerNumber() + " waiting");
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            heard.add(call.info().callerNumber() + " released");
        }
    };

    void start(int maxPoolSize, int maxPerSource, List<String> allowed) throws IOException {
        start(maxPoolSize, maxPerSource, allowed, HEADER_TIMEOUT);
    }

    void start(int maxPoolSize, int maxPerSource, List<String> allowed, Duration headerTimeout) throws IOException {
        TelephonyProperties.Agi settings = new TelephonyProperties.Agi("127.0.0.1", 0, 2, maxPoolSize,
                Duration.ofSeconds(10), headerTimeout, maxPerSource, allowed);
        agi = new AsteriskAgiServer(settings, new CallScripts(List.of(ivr, waiting)), bus, Clock.systemUTC(),
                new AsteriskChannels());
        agi.start();
        fake = FakeAsterisk.builder()
                .amiUser("griot", "secret")
                .fastAgiServer("127.0.0.1", agi.port())
                .dialplan("1919", "agi://127.0.0.1:" + agi.port() + "/ivr")
                .dialplan("1920", "agi://127.0.0.1:" + agi.port() + "/waiting")
                .start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        idle.forEach(AgiConnectionLimitsTests::closeQuietly);
        if (fake != null) {
            fake.close();
        }
        if (agi != null) {
            agi.close();
        }
        bus.destroy();
    }

    @Test
    void sixHundredIdleConnectionsFromSixSourcesDoNotStopARealCallAndAreClosedAfterTheHeaderTimeout() throws Exception {
        // Pool of 8: if idle connections held threads, the call below could not be served.
        start(8, 150, List.of(), FLOOD_HEADER_TIMEOUT);
        assertThat(agi.isListening()).isTrue();
        long firstOpened = System.nanoTime();
        for (int source = 2; source <= 7; source++) {
            for (int i = 0; i < 100; i++) {
                idle.add(openFrom("127.0.0." + source));
            }
        }
        await("600 idle connections accepted", () -> agi.pendingHeaders() == 600);

        SimulatedCall call = fake.call("22997000001", "1919").start();
        assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();

        assertThat(heard).containsExactly("22997000001 served");
        assertThat(call.agiCommands()).first().asString().startsWith("ANSWER");
        // Still within the header timeout: the idle ones were all open while the call was served.
        assertThat(Duration.ofNanos(System.nanoTime() - firstOpened)).isLessThan(FLOOD_HEADER_TIMEOUT);
        assertThat(agi.pendingHeaders()).isEqualTo(600);
        assertThat(agi.connectionsRefused()).isZero();

        for (Socket socket : idle) {
            assertThat(closedByServer(socket, FLOOD_HEADER_TIMEOUT.plusSeconds(5))).as("idle connection closed").isTrue();
        }
        await("every idle connection counted", () -> agi.connectionsRefused(AgiAcceptor.Refusal.HEADER_TIMEOUT) == 600);
        assertThat(agi.pendingHeaders()).isZero();
        assertThat(agi.sessionsServed()).isEqualTo(1);
        assertThat(agi.sessionsFailed()).isZero();
    }

    @Test
    void oneSourceHoldsAtMostItsBoundAndTheRestIsClosedAtOnce() throws Exception {
        start(8, 100, List.of(), FLOOD_HEADER_TIMEOUT);
        for (int i = 0; i < 600; i++) {
            idle.add(openFrom("127.0.0.9"));
        }
        await("bound reached, the rest refused", () -> agi.pendingHeaders() == 100
                && agi.connectionsRefused(AgiAcceptor.Refusal.SOURCE_LIMIT) == 500);
        // The refused ones are closed long before the header timeout.
        long closedEarly = idle.stream().filter(socket -> closedByServer(socket, Duration.ofMillis(5))).count();
        assertThat(closedEarly).isEqualTo(500);

        SimulatedCall call = fake.call("22997000002", "1919").start();
        assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(heard).containsExactly("22997000002 served");
    }

    @Test
    void onlyAllowedSourcesMayConnect() throws Exception {
        start(8, 100, List.of("127.0.0.1/32", "10.0.0.0/8"));
        Socket stranger = openFrom("127.0.0.3");
        idle.add(stranger);
        // Even a well-formed header from a source outside the list gets no session.
        send(stranger, header("waiting", "1795643798.99"));
        assertThat(closedByServer(stranger, Duration.ofSeconds(2))).isTrue();
        await("refusal counted", () -> agi.connectionsRefused(AgiAcceptor.Refusal.NOT_ALLOWED) == 1);

        SimulatedCall call = fake.call("22997000003", "1919").start();
        assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(heard).containsExactly("22997000003 served");
        assertThat(agi.sessionsServed()).isEqualTo(1);
    }

    @Test
    void aFullPoolRefusesAtOnceWithOneLogLinePerBurstAndServesAgainWhenThreadsFree() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(AsteriskAgiServer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            start(2, 100, List.of());
            SimulatedCall first = fake.call("22997000011", "1920").start();
            SimulatedCall second = fake.call("22997000012", "1920").start();
            await("both sessions hold a thread", () -> heard.size() == 2);

            List<Socket> overflow = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Socket socket = openFrom("127.0.0.1");
                idle.add(socket);
                overflow.add(socket);
                send(socket, header("waiting", "1795643798." + (20 + i)));
            }
            for (Socket socket : overflow) {
                assertThat(closedByServer(socket, Duration.ofSeconds(2))).as("refused session closed").isTrue();
            }
            await("refusals counted", () -> agi.connectionsRefused(AgiAcceptor.Refusal.POOL_FULL) == 5);
            assertThat(appender.list).filteredOn(event -> event.getLevel() == Level.WARN)
                    .filteredOn(event -> event.getFormattedMessage().contains("refused from"))
                    .hasSize(1)
                    .first().satisfies(event -> assertThat(event.getFormattedMessage()).contains("POOL_FULL"));

            release.countDown();
            assertThat(first.awaitEnd(Duration.ofSeconds(10))).isTrue();
            assertThat(second.awaitEnd(Duration.ofSeconds(10))).isTrue();
            SimulatedCall next = fake.call("22997000013", "1919").start();
            assertThat(next.awaitEnd(Duration.ofSeconds(10))).isTrue();
            assertThat(heard).contains("22997000011 released", "22997000012 released", "22997000013 served");
            await("sessions finished", () -> agi.activeSessions() == 0);
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void aHeaderThatNeverEndsOrIsNotAgiIsClosedWithoutASessionAndTheServerGoesOn() throws Exception {
        start(8, 100, List.of());
        Socket endless = openFrom("127.0.0.1");
        idle.add(endless);
        send(endless, "agi_network: yes\nagi_channel: " + "A".repeat(20_000));
        assertThat(closedByServer(endless, Duration.ofSeconds(2))).isTrue();
        await("too large counted", () -> agi.connectionsRefused(AgiAcceptor.Refusal.HEADER_TOO_LARGE) == 1);

        // Anything that does not start like Asterisk's environment block (an HTTP probe, binary garbage) gets no thread.
        for (String hostile : List.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "\u0000\u00ff\u0000\n\n", "ag\n\n")) {
            Socket garbage = openFrom("127.0.0.1");
            idle.add(garbage);
            send(garbage, hostile);
            assertThat(closedByServer(garbage, Duration.ofSeconds(2))).as(hostile).isTrue();
        }
        await("not AGI counted", () -> agi.connectionsRefused(AgiAcceptor.Refusal.NOT_AGI) == 3);
        assertThat(agi.sessionsServed()).isZero();

        SimulatedCall call = fake.call("22997000004", "1919").start();
        assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(heard).containsExactly("22997000004 served");
        await("sessions finished", () -> agi.activeSessions() == 0 && agi.pendingHeaders() == 0);
        agi.close();
        assertThat(agi.isListening()).isFalse();
    }

    // ------------------------------------------------------------------ helpers

    Socket openFrom(String localAddress) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(localAddress, 0));
        } catch (IOException e) {
            socket.close();
            Assumptions.abort("this machine cannot bind loopback address " + localAddress + ": " + e.getMessage());
        }
        socket.connect(new InetSocketAddress("127.0.0.1", agi.port()), 2000);
        return socket;
    }

    /** True when the server closed the socket (end of stream or reset) within {@code within}. */
    static boolean closedByServer(Socket socket, Duration within) {
        try {
            socket.setSoTimeout((int) within.toMillis());
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset
        }
    }

    static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The environment block as Asterisk 22 sends it (shared/asterisk-wire/fastagi-inbound-ivr.txt), shortened. */
    static String header(String script, String uniqueId) {
        return "agi_network: yes\nagi_network_script: " + script + "\nagi_request: agi://127.0.0.1:4573/" + script
                + "\nagi_channel: PJSIP/trunk-00000001\nagi_language: fr\nagi_type: PJSIP\nagi_uniqueid: " + uniqueId
                + "\nagi_version: 22.10.1\nagi_callerid: 22997000099\nagi_calleridname: unknown\nagi_context: from-operator"
                + "\nagi_extension: 1920\nagi_priority: 3\nagi_enhanced: 0.0\nagi_accountcode: \nagi_threadid: 1\n\n";
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // test cleanup
        }
    }
}
