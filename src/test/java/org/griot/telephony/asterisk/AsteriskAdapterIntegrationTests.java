package org.griot.telephony.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.asteriskjava.manager.DefaultManagerConnection;
import org.griot.telephony.CallCommand.CollectDigits;
import org.griot.telephony.CallCommand.DigitsResult;
import org.griot.telephony.CallHungUpException;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallScripts;
import org.griot.telephony.CallSession;
import org.griot.telephony.ControlCommand;
import org.griot.telephony.TelephonyEvent;
import org.griot.telephony.TelephonyEvents;
import org.griot.telephony.TelephonyException;
import org.griot.telephony.TelephonyProperties;
import org.griot.telephony.WaitingCallData;
import org.griot.telephony.simulator.FakeAsterisk;
import org.griot.telephony.simulator.SimulatedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Asterisk adapter against the fake Asterisk over real sockets: Griot's FastAGI server serves
 * calls the fake places, Griot's AMI link logs in, receives events, sends actions, survives drops,
 * timeouts and garbage.
 */
class AsteriskAdapterIntegrationTests {

    static final String SECRET = "s3cret-for-tests";

    /** What the test IVR script heard, per caller number. */
    final List<String> heard = new CopyOnWriteArrayList<>();
    final List<TelephonyEvent> events = new CopyOnWriteArrayList<>();
    final TelephonyEvents bus = new TelephonyEvents();
    final AsteriskChannels channels = new AsteriskChannels();

    AsteriskAgiServer agi;
    AmiLink ami;
    AsteriskTelephonyControl control;
    FakeAsterisk fake;

    /** 1919: answer, welcome (barge-in 1/2), a 4-digit code ended by #, then park the caller. */
    final CallScript ivr = new CallScript() {
        @Override
        public String name() {
            return "ivr";
        }

        @Override
        public void serve(CallSession call) {
            String who = call.info().callerNumber();
            try {
                call.answer();
                var welcome = call.play("griot/fr/welcome", "12");
                heard.add(who + " welcome:" + welcome.digit().map(String::valueOf).orElse("-"));
                DigitsResult code = call.collect(new CollectDigits("griot/fr/enter-code", 1, 4, Duration.ofSeconds(5), '#'));
                heard.add(who + " code:" + code.digits() + ":" + code.ending());
                call.perform(new org.griot.telephony.CallCommand.SetCallData("GRIOT_CHOICE", code.digits()));
                heard.add(who + " done");
            } catch (CallHungUpException e) {
                heard.add(who + " hung up");
                throw e;
            }
        }
    };

    /** 1920: answers, then waits (the caller stays in FastAGI) until the test lets it go. */
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    final CallScript waiting = new CallScript() {
        @Override
        public String name() {
            return "waiting";
        }

        @Override
        public void serve(CallSession call) {
            call.answer();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            call.play("griot/fr/goodbye", "");
            heard.add(call.info().callerNumber() + " released");
        }
    };

    /** 1921: writes what Griot writes on a queued caller, then parks the call in griot-hold. */
    final CallScript park = new CallScript() {
        @Override
        public String name() {
            return "park";
        }

        @Override
        public void serve(CallSession call) {
            call.answer();
            boolean vip = call.info().callerNumber().endsWith("1");
            for (var data : WaitingCallData.of(vip ? "vip" : "general", vip ? 2 : 5, List.of("language:fr", "billing"), "fr",
                    java.time.Instant.ofEpochMilli(1_700_000_000_000L + (vip ? 1 : 2)), 12)) {
                call.perform(data);
            }
            call.perform(new org.griot.telephony.CallCommand.SetCallData("GRIOT_NEXT", "griot-hold,s,1"));
        }
    };

    @BeforeEach
    void start() throws Exception {
        bus.subscribe(events::add);
        TelephonyProperties.Agi agiSettings = new TelephonyProperties.Agi("127.0.0.1", 0, 4, 400, Duration.ofSeconds(2), null, 0, null);
        agi = new AsteriskAgiServer(agiSettings, new CallScripts(List.of(ivr, waiting, park)), bus, Clock.systemUTC(), channels);
        agi.start();
        fake = FakeAsterisk.builder()
                .amiUser("griot", SECRET)
                .fastAgiServer("127.0.0.1", agi.port())
                .dialplan("1919", "agi://127.0.0.1:" + agi.port() + "/ivr")
                .dialplan("1920", "agi://127.0.0.1:" + agi.port() + "/waiting")
                .dialplan("1921", "agi://127.0.0.1:" + agi.port() + "/park")
                .start();
        TelephonyProperties.Ami amiSettings = new TelephonyProperties.Ami("127.0.0.1", fake.amiPort(), "griot", SECRET,
                Duration.ofSeconds(2), 200, 1000, Duration.ofMillis(100), Duration.ofSeconds(1));
        ami = new AmiLink(amiSettings, bus, Clock.systemUTC(), channels, DefaultManagerConnection::new);
        ami.start();
        control = new AsteriskTelephonyControl(ami);
        await("AMI link up", () -> ami.isUp());
    }

    @AfterEach
    void stop() {
        ami.close();
        agi.close();
        fake.close();
        bus.destroy();
    }

    @Test
    void aCallerDialing1919IsServedByTheIvrScriptOverFastAgi() throws Exception {
        SimulatedCall call = fake.call("22997000001", "1919").press("2").press("1234").start();

        assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();

        assertThat(heard).containsExactly("22997000001 welcome:2", "22997000001 code:1234:MAX_DIGITS", "22997000001 done");
        assertThat(call.agiCommands()).first().asString().startsWith("ANSWER");
        assertThat(call.agiCommands()).anySatisfy(c -> assertThat(c).startsWith("STREAM FILE"));
        assertThat(call.variable("GRIOT_CHOICE")).isEqualTo("1234");
        TelephonyEvent.CallArrived arrived = awaitEvent(TelephonyEvent.CallArrived.class, e -> true);
        assertThat(arrived.call().callerNumber()).isEqualTo("22997000001");
        assertThat(arrived.call().dialedNumber()).isEqualTo("1919");
        assertThat(arrived.call().script()).isEqualTo("ivr");
        assertThat(arrived.call().callId().value()).isEqualTo(call.uniqueid());
        awaitEvent(TelephonyEvent.CallHungUp.class, e -> e.call().value().equals(call.uniqueid()));
    }

    @Test
    void aCallerHangingUpDuringDigitCollectionEndsThatSessionAndTheServerGoesOn() throws Exception {
        SimulatedCall quitter = fake.call("22997000002", "1919").press("1").hangUpDuringCollection(2).start();
        assertThat(quitter.awaitEnd(Duration.ofSeconds(10))).isTrue();
        await("script ended", () -> heard.contains("22997000002 hung up"));
        assertThat(heard).doesNotContain("22997000002 done");
        // Asterisk answers the running GET DATA with -1, sends HANGUP, then 511 to anything but variables.
        assertThat(quitter.agiReplies()).contains("200 result=-1", "HANGUP");

        SimulatedCall next = fake.call("22997000003", "1919").press("2").press("42#").start();
        assertThat(next.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(heard).contains("22997000003 code:42:TERMINATOR", "22997000003 done");
        assertThat(agi.sessionsFailed()).isZero();
    }

    @Test
    void noInputTimesOutAndIsReportedAsSuch() throws Exception {
        SimulatedCall call = fake.call("22997000004", "1919").noInput().noInput().start();
        assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(heard).contains("22997000004 welcome:-", "22997000004 code::TIMEOUT");
    }

    @Test
    void originatingToAgentPhonesReportsAnsweredAndNoAnswer() throws Exception {
        fake.phone("1001").answersAfterRings(2);
        fake.phone("1003").neverAnswers();

        String answered = UUID.randomUUID().toString();
        String unanswered = UUID.randomUUID().toString();
        control.send(new ControlCommand.Originate(answered, "1001", true, "1919", Duration.ofSeconds(20), "ivr", Map.of()))
                .get(5, TimeUnit.SECONDS);
        control.send(new ControlCommand.Originate(unanswered, "1003", true, "1919", Duration.ofSeconds(5), "ivr", Map.of()))
                .get(5, TimeUnit.SECONDS);

        assertThat(awaitEvent(TelephonyEvent.OriginateResult.class, e -> e.requestId().equals(answered)).outcome())
                .isEqualTo(TelephonyEvent.OriginateResult.Outcome.ANSWERED);
        assertThat(awaitEvent(TelephonyEvent.OriginateResult.class, e -> e.requestId().equals(unanswered)).outcome())
                .isEqualTo(TelephonyEvent.OriginateResult.Outcome.NO_ANSWER);
    }

    @Test
    void anActionAsteriskNeverAnswersTimesOutWithoutBlockingOthers() throws Exception {
        fake.faults().neverAnswer("Originate");

        var stuck = control.send(new ControlCommand.Originate("stuck", "1001", true, "1919", Duration.ofSeconds(5), "ivr",
                Map.of()));

        assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TelephonyException.class).hasMessageContaining("not answered within");
        fake.faults().answerNormally();
        SimulatedCall call = fake.call("22997000005", "1919").press("1").press("7#").start();
        assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();
        awaitEvent(TelephonyEvent.CallHungUp.class, e -> e.call().value().equals(call.uniqueid()));
    }

    @Test
    void theAmiLinkReconnectsAfterAsteriskRestartsAndReconcilesLiveChannels() throws Exception {
        long before = ami.connections();

        fake.faults().restartAmi(Duration.ofMillis(700));

        awaitEvent(TelephonyEvent.PbxLinkChanged.class, e -> !e.up());
        await("AMI reconnected", () -> ami.connections() > before && ami.isUp());
        awaitEvent(TelephonyEvent.LiveCallsReconciled.class, e -> true);
        SimulatedCall call = fake.call("22997000006", "1919").press("2").press("5#").start();
        assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();
        awaitEvent(TelephonyEvent.CallHungUp.class, e -> e.call().value().equals(call.uniqueid()));
    }

    @Test
    void garbageOnAmiOrOnOneAgiSessionEndsAtMostThatCall() throws Exception {
        java.util.Random random = new java.util.Random(1919);
        for (int i = 0; i < 50; i++) {
            fake.faults().sendRawToAmi(randomLine(random) + (i % 7 == 0 ? "\r\n\r\n" : "\r\n"));
        }
        SimulatedCall broken = fake.call("22997000007", "1919").agiRawReplyAfterCommands(1, "HELLO ~~~ garbage").start();
        SimulatedCall healthy = fake.call("22997000008", "1919").press("1").press("99#").start();

        assertThat(healthy.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(broken.awaitEnd(Duration.ofSeconds(10)))
                .as("broken call: commands %s, replies %s", broken.agiCommands(), broken.agiReplies()).isTrue();
        assertThat(heard).contains("22997000008 done").doesNotContain("22997000007 done");
        awaitEvent(TelephonyEvent.CallHungUp.class, e -> e.call().value().equals(healthy.uniqueid()));
        assertThat(ami.isUp()).isTrue();
    }

    @Test
    void aCallInProgressSurvivesALostAmiConnectionAndIsReconciledAfterwards() throws Exception {
        SimulatedCall call = fake.call("22997000009", "1920").start();
        awaitEvent(TelephonyEvent.CallArrived.class, e -> e.call().callerNumber().equals("22997000009"));
        long before = ami.connections();

        fake.faults().dropAmiConnections();
        await("AMI reconnected", () -> ami.connections() > before && ami.isUp());

        TelephonyEvent.LiveCallsReconciled reconciled = awaitEvent(TelephonyEvent.LiveCallsReconciled.class,
                e -> e.liveCalls().stream().anyMatch(id -> id.value().equals(call.uniqueid())));
        assertThat(reconciled.liveCalls()).isNotEmpty();
        release.countDown();
        assertThat(call.awaitEnd(Duration.ofSeconds(10))).isTrue();
        assertThat(heard).contains("22997000009 released");
        awaitEvent(TelephonyEvent.CallHungUp.class, e -> e.call().value().equals(call.uniqueid()));
    }

    @Test
    void reconciliationReportsTheCallersHeldInGriotHoldWithWhatGriotWroteOnThem() throws Exception {
        SimulatedCall vip = fake.call("22997000021", "1921").start();
        SimulatedCall other = fake.call("22997000022", "1921").start();
        SimulatedCall inIvr = fake.call("22997000023", "1920").start(); // still in its script: not held
        await("both parked", () -> "griot-hold".equals(vip.variable("CONTEXT")) && "griot-hold".equals(other.variable("CONTEXT")));
        awaitEvent(TelephonyEvent.CallArrived.class, e -> e.call().callerNumber().equals("22997000023"));
        events.clear();

        control.send(new ControlCommand.ReportLiveCalls()).get(5, TimeUnit.SECONDS);

        TelephonyEvent.LiveCallsReconciled reconciled = awaitEvent(TelephonyEvent.LiveCallsReconciled.class, e -> true);
        assertThat(reconciled.liveCalls()).extracting(id -> id.value())
                .contains(vip.uniqueid(), other.uniqueid(), inIvr.uniqueid());
        assertThat(reconciled.held()).extracting(h -> h.call().value()).containsExactlyInAnyOrder(vip.uniqueid(), other.uniqueid());
        TelephonyEvent.HeldCall held = reconciled.held().stream().filter(h -> h.call().value().equals(vip.uniqueid()))
                .findFirst().orElseThrow();
        assertThat(held.callerNumber()).isEqualTo("22997000021");
        assertThat(held.queue()).isEqualTo("vip");
        assertThat(held.priority()).isEqualTo(2);
        assertThat(held.language()).isEqualTo("fr");
        assertThat(held.skills()).containsExactly("language:fr", "billing");
        assertThat(held.queuedAt()).isEqualTo(java.time.Instant.ofEpochMilli(1_700_000_000_001L));
        assertThat(held.waitingSince()).isEqualTo(held.queuedAt());
        release.countDown();
        vip.hangUp();
        other.hangUp();
    }

    @Test
    void connectingACallThatCarriesItsRingTimeIsOneRedirectWithoutSetVar() throws Exception {
        fake.phone("1004").answersAfterRings(1);
        SimulatedCall call = fake.call("22997000024", "1921").start();
        await("parked", () -> "griot-hold".equals(call.variable("CONTEXT")));
        var callId = new org.griot.telephony.CallId(call.uniqueid());
        int ringTimeoutWrites = ringTimeoutWrites(call.uniqueid());

        control.send(new ControlCommand.ConnectToAgent(callId, "1004", Duration.ofSeconds(12))).get(5, TimeUnit.SECONDS);
        var bridged = awaitEvent(TelephonyEvent.CallsBridged.class, e -> e.call().equals(callId));

        assertThat(bridged.otherEndpoint()).isEqualTo("1004");
        assertThat(ringTimeoutWrites(call.uniqueid())).as("no SetVar: the call already rings for 12 s").isEqualTo(ringTimeoutWrites);
        call.hangUp();
    }

    @Test
    void connectingWithAnotherRingTimeSetsItFirstOnTheSameSession() throws Exception {
        fake.phone("1005").answersAfterRings(1);
        SimulatedCall call = fake.call("22997000025", "1921").start();
        await("parked", () -> "griot-hold".equals(call.variable("CONTEXT")));
        var callId = new org.griot.telephony.CallId(call.uniqueid());

        control.send(new ControlCommand.ConnectToAgent(callId, "1005", Duration.ofSeconds(7))).get(5, TimeUnit.SECONDS);
        awaitEvent(TelephonyEvent.CallsBridged.class, e -> e.call().equals(callId));

        assertThat(call.variable("GRIOT_RING_TIMEOUT")).isEqualTo("7");
        call.hangUp();
    }

    private int ringTimeoutWrites(String uniqueId) {
        return (int) fake.events().stream().filter(e -> "VarSet".equals(e.get("Event")) && uniqueId.equals(e.get("Uniqueid"))
                && "GRIOT_RING_TIMEOUT".equals(e.get("Variable"))).count();
    }

    @Test
    void aWaitingCallerIsHeldThenConnectedToAnAgentWhosePhoneAnswers() throws Exception {
        fake.phone("1001").answersAfterRings(2);
        fake.phone("1003").neverAnswers();
        SimulatedCall call = fake.call("22997000010", "1920").start();
        var arrived = awaitEvent(TelephonyEvent.CallArrived.class, e -> e.call().callerNumber().equals("22997000010"));
        var callId = arrived.call().callId();

        // As with a real Asterisk, a Redirect of a channel in AGI takes effect when its AGI script lets go.
        control.send(new ControlCommand.Hold(callId)).get(5, TimeUnit.SECONDS);
        release.countDown();
        control.send(new ControlCommand.ConnectToAgent(callId, "1003", Duration.ofSeconds(5))).get(5, TimeUnit.SECONDS);
        var failed = awaitEvent(TelephonyEvent.AgentConnectFailed.class, e -> e.call().equals(callId));
        assertThat(failed.agentEndpoint()).isEqualTo("1003");
        assertThat(failed.reason()).isEqualTo("NOANSWER");

        control.send(new ControlCommand.ConnectToAgent(callId, "1001", Duration.ofSeconds(20))).get(5, TimeUnit.SECONDS);
        var bridged = awaitEvent(TelephonyEvent.CallsBridged.class, e -> e.call().equals(callId));
        assertThat(bridged.otherEndpoint()).isEqualTo("1001");
        call.hangUp();
        awaitEvent(TelephonyEvent.CallHungUp.class, e -> e.call().equals(callId));
    }

    @Test
    void agentPhoneRegistrationAndStateReachGriot() throws Exception {
        fake.phone("1002").unreachable();
        awaitEvent(TelephonyEvent.AgentPhoneStateChanged.class,
                e -> e.endpoint().equals("1002") && e.state() == TelephonyEvent.PhoneState.UNREACHABLE);
        fake.phone("1002").reachable();
        awaitEvent(TelephonyEvent.AgentPhoneStateChanged.class,
                e -> e.endpoint().equals("1002") && e.state() == TelephonyEvent.PhoneState.REGISTERED);
    }

    private static String randomLine(java.util.Random random) {
        int length = random.nextInt(60);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < length; i++) {
            line.append((char) (32 + random.nextInt(95)));
        }
        if (random.nextBoolean()) {
            line.insert(0, "Event: ");
        }
        return line.toString();
    }

    private <E extends TelephonyEvent> E awaitEvent(Class<E> type, Predicate<E> matching) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (TelephonyEvent event : events) {
                if (type.isInstance(event) && matching.test(type.cast(event))) {
                    return type.cast(event);
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + type.getSimpleName() + " event arrived; got " + events);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
