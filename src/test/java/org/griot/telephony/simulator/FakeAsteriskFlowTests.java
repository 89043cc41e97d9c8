package org.griot.telephony.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.ContactStatusEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MusicOnHoldStartEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Griot's call flows (IVR, hold, connect to an agent), phones, faults and load. */
class FakeAsteriskFlowTests {

    private DefaultAgiServer agiServer;
    private FakeAsterisk fake;
    private ManagerConnection ami;
    private final List<ManagerEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (ami != null && ami.getState() == ManagerConnectionState.CONNECTED) {
            ami.logoff();
        }
        if (fake != null) {
            fake.close();
        }
        if (agiServer != null) {
            agiServer.shutdown();
        }
    }

    private void start(AgiScript script) throws Exception {
        int port = TestSockets.freePort();
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(Map.of("ivr", script));
        CountDownLatch listening = new CountDownLatch(1);
        agiServer = new DefaultAgiServer(mapping) {
            @Override
            protected org.asteriskjava.util.ServerSocketFacade createServerSocket() throws java.io.IOException {
                org.asteriskjava.util.ServerSocketFacade socket = super.createServerSocket();
                listening.countDown();
                return socket;
            }
        };
        agiServer.setPort(port);
        agiServer.setAddress(InetAddress.getLoopbackAddress());
        agiServer.setPoolSize(20);
        agiServer.setMaximumPoolSize(400);
        Thread t = new Thread(() -> {
            try {
                agiServer.startup();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.setDaemon(true);
        t.start();
        assertThat(listening.await(5, TimeUnit.SECONDS)).isTrue();
        fake = FakeAsterisk.builder()
                .amiUser("griot", "griot-secret")
                .fastAgiServer("127.0.0.1", port)
                .dialplan("1919", "agi://griot:4573/ivr")
                .start();
        ami = new ManagerConnectionFactory("127.0.0.1", fake.amiPort(), "griot", "griot-secret").createManagerConnection();
        ami.addEventListener(events::add);
        ami.login();
    }

    private <T extends ManagerEvent> T awaitEvent(Class<T> type, java.util.function.Predicate<T> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (ManagerEvent e : events) {
                if (type.isInstance(e) && match.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no matching " + type.getSimpleName());
    }

    @Test
    void ivrThenHoldThenConnectToAnAgentWhoAnswersAfterTwoRings() throws Exception {
        start((request, channel) -> {
            channel.answer();
            channel.exec("Wait", "3600");
        });
        fake.phone("1001").answersAfterRings(2);
        fake.phone("1002").neverAnswers();
        SimulatedCall call = fake.call("22997000001", "1919").start();
        assertThat(call.awaitStarted(Duration.ofSeconds(5))).isTrue();
        awaitAgiCommand(call, "EXEC");

        ManagerResponse toHold = ami.sendAction(new RedirectAction(call.channelName(), "griot-hold", "s", 1));
        assertThat(toHold.getMessage()).isEqualTo("Redirect successful");
        awaitEvent(MusicOnHoldStartEvent.class, e -> call.channelName().equals(e.getChannel()));

        ami.sendAction(new RedirectAction(call.channelName(), "griot-connect", "1002", 1));
        DialEndEvent noAnswer = awaitEvent(DialEndEvent.class, e -> "NOANSWER".equals(e.getDialStatus()));
        assertThat(noAnswer.getDestChannel()).startsWith("PJSIP/1002-");
        awaitCount(MusicOnHoldStartEvent.class, 2);

        ami.sendAction(new RedirectAction(call.channelName(), "griot-connect", "1001", 1));
        DialEndEvent answered = awaitEvent(DialEndEvent.class, e -> "ANSWER".equals(e.getDialStatus()));
        assertThat(answered.getDestChannel()).startsWith("PJSIP/1001-");
        awaitEvent(BridgeEnterEvent.class, e -> call.channelName().equals(e.getChannel()));
        awaitEvent(DeviceStateChangeEvent.class, e -> "PJSIP/1001".equals(e.getDevice()) && "INUSE".equals(e.getState()));
        assertThat(fake.phone("1001").timesRung()).isEqualTo(1);

        call.hangUp();
        assertThat(call.awaitEnd(Duration.ofSeconds(5))).isTrue();
        assertThat(call.agiReplies()).contains("200 result=-1", "HANGUP");
        assertThat(call.eventNames()).containsSubsequence("MusicOnHoldStart", "MusicOnHoldStop", "DialBegin",
                "DialState", "DialEnd", "BridgeCreate", "BridgeEnter", "BridgeEnter", "HangupRequest", "BridgeLeave",
                "BridgeLeave", "BridgeDestroy", "Hangup");
        awaitEvent(DeviceStateChangeEvent.class, e -> "PJSIP/1001".equals(e.getDevice()) && "NOT_INUSE".equals(e.getState()));
        assertThat(fake.channels()).isEmpty();
    }

    @Test
    void phoneRegistrationChangesEmitContactStatusAndDeviceState() throws Exception {
        start((request, channel) -> channel.answer());
        fake.phone("1003").unreachable();
        ContactStatusEvent unreachable = awaitEvent(ContactStatusEvent.class, e -> "1003".equals(e.getEndpointName()));
        assertThat(unreachable.getContactStatus()).isEqualTo("Unreachable");
        assertThat(unreachable.getAor()).isEqualTo("1003");
        awaitEvent(DeviceStateChangeEvent.class, e -> "PJSIP/1003".equals(e.getDevice()) && "UNAVAILABLE".equals(e.getState()));
        fake.phone("1003").reachable();
        awaitEvent(ContactStatusEvent.class, e -> "Reachable".equals(e.getContactStatus()));
        awaitEvent(DeviceStateChangeEvent.class, e -> "PJSIP/1003".equals(e.getDevice()) && "NOT_INUSE".equals(e.getState()));
    }

    @Test
    void droppedAmiConnectionsAreReconnectedAndUnansweredActionsTimeOut() throws Exception {
        start((request, channel) -> channel.answer());
        fake.faults().neverAnswer("Ping");
        try {
            ami.sendAction(new PingAction(), 300);
            throw new AssertionError("expected a timeout");
        } catch (TimeoutException expected) {
            assertThat(expected.getMessage()).contains("Ping");
        }
        fake.faults().answerNormally();

        fake.faults().dropAmiConnections();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ManagerResponse pong = null;
        while (pong == null && System.nanoTime() < deadline) {
            try {
                if (ami.getState() == ManagerConnectionState.CONNECTED) {
                    pong = ami.sendAction(new PingAction(), 500);
                }
            } catch (Exception reconnecting) {
                // still reconnecting
            }
            Thread.sleep(50);
        }
        assertThat(pong).isNotNull();
        assertThat(pong.getResponse()).isEqualTo("Success");
    }

    @Test
    void garbageOnAmiGetsAsteriskErrorsAndNeverKillsTheServer() throws Exception {
        start((request, channel) -> channel.answer());
        try (TestSockets.RawConnection raw = TestSockets.RawConnection.connect(fake.amiPort())) {
            raw.readRawLine();
            raw.send("\u0000\u00ff garbage without colon\r\n" + "x".repeat(5000) + "\r\n\r\n");
            assertThat(raw.readMessage()).contains("Message: Missing action in request\r\n");
            raw.send("Action: Login\r\nUsername: griot\r\nSecret: griot-secret\r\nEvents: off\r\n\r\n");
            assertThat(raw.readMessage()).contains("Message: Authentication accepted\r\n");
            raw.send("Action: Originate\r\nChannel: PJSIP/1001\r\nContext: nowhere\r\nExten: 1\r\nActionID: x\r\n\r\n");
            assertThat(raw.readMessage()).contains("Message: Extension does not exist.\r\n");
            raw.send("Action: Originate\r\nActionID: y\r\n\r\n");
            assertThat(raw.readMessage()).contains("Message: Channel not specified\r\n");
        }
        // garbage messages (each ended by a blank line, so the stream stays in sync)
        fake.faults().sendRawToAmi("garbage line\r\n\u0001\u0002\r\n\r\nEvent: NoSuchEvent\r\nFoo: bar\r\n\r\n");
        ManagerResponse pong = ami.sendAction(new PingAction(), 2000);
        assertThat(pong.getResponse()).isEqualTo("Success");
    }

    @Test
    void threeHundredConcurrentCallsThroughAsteriskJava() throws Exception {
        AtomicInteger completed = new AtomicInteger();
        start((request, channel) -> {
            channel.answer();
            channel.streamFile("welcome", "0123456789");
            if ("42".equals(channel.getData("menu", 5000, 2))) {
                completed.incrementAndGet();
            }
        });
        List<SimulatedCall> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(fake.call(String.format("2299700%04d", i), "1919").noInput().press("42").start());
        }
        for (SimulatedCall call : calls) {
            assertThat(call.awaitEnd(Duration.ofSeconds(60))).as(call.channelName()).isTrue();
        }
        assertThat(completed).hasValue(300);
        assertThat(calls).allSatisfy(c -> assertThat(c.hangupCause()).isEqualTo(16));
        assertThat(fake.channels()).isEmpty();
    }

    @Test
    void outboundCallbackLegRunsFastAgiWithArgumentsAndTheCustomerKeys() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        start((request, channel) -> {
            seen.add(request.getParameter("mode"));
            for (String arg : request.getArguments()) {
                // asterisk-java turns the empty "agi_arg_2: " into null
                seen.add(String.valueOf(arg));
            }
            seen.add(channel.getData("confirm", 5000, 1));
        });
        fake.customer("22997000009").answersAfterRings(3).press("1");
        OriginateAction originate = new OriginateAction();
        originate.setChannel("Local/22997000009@griot-outbound");
        originate.setApplication("AGI");
        originate.setData("agi://griot:4573/ivr?mode=callback,first arg,,third");
        originate.setCallerId("\"Griot\" <1919>");
        originate.setTimeout(30_000L);
        originate.setAsync(true);

        ResponseEvents result = ami.sendEventGeneratingAction(originate, 5000);

        OriginateResponseEvent response = (OriginateResponseEvent) result.getEvents().stream()
                .filter(e -> e instanceof OriginateResponseEvent).findFirst().orElseThrow();
        assertThat(response.getReason()).isEqualTo(4);
        assertThat(response.getChannel()).matches("Local/22997000009@griot-outbound-[0-9a-f]{8};1");
        SimulatedCall call = fake.customer("22997000009").call();
        assertThat(call.awaitEnd(Duration.ofSeconds(5))).isTrue();
        assertThat(seen).containsExactly("callback", "first arg", "null", "third", "1");
        assertThat(call.agiEnvironment()).contains("agi_network_script: ivr?mode=callback", "agi_type: Local",
                "agi_dnid: unknown", "agi_arg_1: first arg", "agi_arg_2: ", "agi_arg_3: third");
        assertThat(call.eventNames()).containsSubsequence("Newchannel", "Newchannel", "DialBegin", "DialState",
                "DialEnd", "BridgeCreate", "OriginateResponse", "AGIExecStart", "DTMFBegin", "DTMFEnd", "Hangup");
    }

    @Test
    void syncOriginateWithoutAnswerFailsAndItsEventsFollowTheResponse() throws Exception {
        start((request, channel) -> channel.answer());
        fake.phone("1003").neverAnswers();
        try (TestSockets.RawConnection raw = TestSockets.RawConnection.connect(fake.amiPort())) {
            raw.readRawLine();
            raw.send("Action: Login\r\nUsername: griot\r\nSecret: griot-secret\r\nEvents: call\r\n\r\n");
            raw.readMessage();
            raw.send("Action: Originate\r\nChannel: PJSIP/1003\r\nContext: griot-hold\r\nExten: s\r\nPriority: 1\r\n"
                    + "Timeout: 4000\r\nActionID: fail-sync-2\r\n\r\n");
            assertThat(raw.readMessage()).containsExactly("Response: Error\r\n", "ActionID: fail-sync-2\r\n",
                    "Message: Originate failed\r\n", "\r\n");
            assertThat(raw.readMessage().get(0)).isEqualTo("Event: Newchannel\r\n");
            List<String> hangup = raw.readMessageStartingWith("Event: Hangup\r\n");
            assertThat(hangup).contains("Cause: 19\r\n", "Cause-txt: User alerting, no answer\r\n", "TechCause: 480\r\n");
        }
    }

    @Test
    void mixMonitorOnAnAgentLegAnswersLikeAsterisk() throws Exception {
        start((request, channel) -> channel.answer());
        fake.phone("1001").answersAfterRings(1);
        OriginateAction originate = new OriginateAction();
        originate.setChannel("PJSIP/1001");
        originate.setApplication("Wait");
        originate.setData("3600");
        originate.setAsync(true);
        OriginateResponseEvent up = (OriginateResponseEvent) ami.sendEventGeneratingAction(originate, 5000).getEvents()
                .stream().filter(e -> e instanceof OriginateResponseEvent).findFirst().orElseThrow();
        try (TestSockets.RawConnection raw = TestSockets.RawConnection.connect(fake.amiPort())) {
            raw.readRawLine();
            raw.send("Action: Login\r\nUsername: griot\r\nSecret: griot-secret\r\nEvents: off\r\n\r\n");
            raw.readMessage();
            raw.send("Action: MixMonitor\r\nChannel: " + up.getChannel() + "\r\nFile: /tmp/x.wav\r\nOptions: bi(MIXID)\r\n"
                    + "ActionID: mix-2\r\n\r\n");
            List<String> started = raw.readMessage();
            assertThat(started.subList(0, 2)).containsExactly("Response: Success\r\n", "ActionID: mix-2\r\n");
            assertThat(started.get(2)).matches("MixMonitorID: 0x[0-9a-f]+\r\n");
            raw.send("Action: StopMixMonitor\r\nChannel: " + up.getChannel() + "\r\nActionID: stopmix-1\r\n\r\n");
            assertThat(raw.readMessage()).containsExactly("Response: Success\r\n", "ActionID: stopmix-1\r\n", "\r\n");
            raw.send("Action: StopMixMonitor\r\nChannel: " + up.getChannel() + "\r\nActionID: stopmix-2\r\n\r\n");
            assertThat(raw.readMessage()).containsExactly("Response: Error\r\n", "ActionID: stopmix-2\r\n",
                    "Message: Could not stop monitoring channel\r\n", "\r\n");
        }
        awaitEvent(org.asteriskjava.manager.event.MixMonitorStopEvent.class, e -> up.getChannel().equals(e.getChannel()));
    }

    private void awaitCount(Class<? extends ManagerEvent> type, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (events.stream().filter(type::isInstance).count() >= count) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("fewer than " + count + " " + type.getSimpleName());
    }

    private static void awaitAgiCommand(SimulatedCall call, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (call.agiCommands().stream().anyMatch(c -> c.startsWith(prefix))) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no AGI command " + prefix);
    }
}
