package org.griot.telephony.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.griot.telephony.CallCommand;
import org.griot.telephony.CallCommand.CollectDigits;
import org.griot.telephony.CallCommand.DigitsResult;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallScripts;
import org.griot.telephony.CallSession;
import org.griot.telephony.ControlCommand;
import org.griot.telephony.TelephonyEvent;
import org.griot.telephony.TelephonyEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedTelephonyTests {

    /** A two-level menu: language (barge-in on the welcome), then a 4-digit code ended by '#'. */
    static final class MenuScript implements CallScript {
        final List<String> heard = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "ivr";
        }

        @Override
        public void serve(CallSession call) {
            call.answer();
            CallCommand.PromptResult welcome = call.play("griot/fr/welcome", "12");
            heard.add("welcome:" + welcome.digit().map(String::valueOf).orElse("-"));
            DigitsResult code = call.collect(new CollectDigits("griot/fr/enter-code", 1, 4, Duration.ofSeconds(5), '#'));
            heard.add("code:" + code.digits() + ":" + code.ending());
            DigitsResult again = call.collect(new CollectDigits("griot/fr/confirm", 1, 1, Duration.ofSeconds(5), null));
            heard.add("confirm:" + again.digits() + ":" + again.ending());
            call.hangUp();
        }
    }

    /** The end of an IVR that sends the caller to an agent: parked in the holding area (GRIOT_NEXT). */
    static final class ParkScript implements CallScript {
        @Override
        public String name() {
            return "park";
        }

        @Override
        public void serve(CallSession call) {
            call.answer();
            call.perform(new CallCommand.SetCallData("GRIOT_NEXT", "griot-hold,s,1"));
        }
    }

    final TelephonyEvents events = new TelephonyEvents();
    final List<TelephonyEvent> seen = new CopyOnWriteArrayList<>();
    final MenuScript script = new MenuScript();
    final SimulatedTelephony telephony = new SimulatedTelephony(new CallScripts(List.of(script, new ParkScript())), events,
            Clock.systemUTC());

    @AfterEach
    void close() {
        telephony.close();
        events.destroy();
    }

    @Test
    void aCallerBargesInTypesACodeAndLetsTheLastQuestionTimeOut() throws Exception {
        events.subscribe(seen::add);

        var call = telephony.placeCall("22997000001", "1919", "ivr", Map.of(), SimulatedCaller.pressing("2", "123#", ""));
        call.finished().get(5, TimeUnit.SECONDS);

        assertThat(script.heard).containsExactly("welcome:2", "code:123:TERMINATOR", "confirm::TIMEOUT");
        awaitEvents(5);
        assertThat(seen).first().isInstanceOf(TelephonyEvent.CallArrived.class);
        assertThat(seen).filteredOn(TelephonyEvent.DigitsReceived.class::isInstance).hasSize(2);
        assertThat(seen).last().isInstanceOfSatisfying(TelephonyEvent.CallHungUp.class,
                h -> assertThat(h.cause()).isEqualTo(16));
    }

    @Test
    void aCallerHangingUpEndsTheScriptCleanly() throws Exception {
        events.subscribe(seen::add);

        var call = telephony.placeCall("22997000002", "1919", "ivr", Map.of(),
                SimulatedCaller.pressing("1").hangingUpAtCommand(3));
        call.finished().get(5, TimeUnit.SECONDS);

        assertThat(script.heard).containsExactly("welcome:1");
        assertThat(call.commands()).hasSize(3);
        awaitEvents(3);
        assertThat(seen).filteredOn(TelephonyEvent.CallHungUp.class::isInstance).hasSize(1);
    }

    @Test
    void agentPhonesAnswerOrNotAsConfigured() throws Exception {
        events.subscribe(seen::add);
        telephony.phone("1002", SimulatedTelephony.PhoneBehaviour.NEVER_ANSWERS);
        var call = telephony.placeCall("22997000003", "1919", "park", Map.of(), SimulatedCaller.pressing());
        call.finished().get(5, TimeUnit.SECONDS);

        telephony.send(new ControlCommand.ConnectToAgent(call.id(), "1001", Duration.ofSeconds(10))).get();
        telephony.send(new ControlCommand.ConnectToAgent(call.id(), "1002", Duration.ofSeconds(10))).get();

        awaitEvents(10);
        assertThat(seen).filteredOn(TelephonyEvent.CallsBridged.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((TelephonyEvent.CallsBridged) e).otherEndpoint()).isEqualTo("1001"));
        assertThat(seen).filteredOn(TelephonyEvent.AgentConnectFailed.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((TelephonyEvent.AgentConnectFailed) e).reason()).isEqualTo("NOANSWER"));
    }

    @Test
    void aParkedCallerWaitsUntilHungUpAndAnEndedCallCannotBeConnected() throws Exception {
        events.subscribe(seen::add);
        var parked = telephony.placeCall("22997000004", "1919", "park", Map.of(), SimulatedCaller.pressing());
        var served = telephony.placeCall("22997000005", "1919", "ivr", Map.of(), SimulatedCaller.pressing("1", "1#", "1"));
        parked.finished().get(5, TimeUnit.SECONDS);
        served.finished().get(5, TimeUnit.SECONDS);

        assertThat(parked.session().isActive()).isTrue();
        assertThat(telephony.send(new ControlCommand.ConnectToAgent(served.id(), "1001", Duration.ofSeconds(10))))
                .failsWithin(Duration.ofSeconds(1)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(org.griot.telephony.UnknownCallException.class);
        telephony.send(new ControlCommand.HangUpCall(parked.id())).get();
        awaitEvents(6);
        assertThat(parked.session().isActive()).isFalse();
        assertThat(seen).filteredOn(TelephonyEvent.CallHungUp.class::isInstance)
                .extracting(e -> ((TelephonyEvent.CallHungUp) e).call()).contains(parked.id(), served.id());
    }

    private void awaitEvents(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((seen.size() < atLeast || events.pending() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
