package org.griot.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.griot.IntegrationTest;
import org.griot.routing.Acd;
import org.griot.routing.AgentState;
import org.griot.routing.ContactView;
import org.griot.routing.QueuePolicy;
import org.griot.routing.QueueSettings;
import org.griot.routing.RoutingAdministration;
import org.griot.telephony.simulator.SimulatedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Nobody is turned away, end to end on the fake Asterisk: a caller who waits too long is offered a
 * callback, takes it and hangs up; the request keeps their place; once an agent is free Griot dials
 * the customer, who is greeted and connected to the agent; retries follow the queue's schedule and
 * end; a customer who calls in again merges with their request.
 */
@WithMockUser(username = "callback-tests", roles = "SUPERVISOR")
class CallbackScenarioTests extends IntegrationTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger(new java.util.Random().nextInt(90_000) * 10);
    private static final AtomicInteger EXTENSIONS = new AtomicInteger(4000);

    @Autowired
    Acd acd;

    @Autowired
    RoutingAdministration administration;

    @Autowired
    CallbackRequests callbacks;

    private QueuePolicy generalBefore;
    private QueueSettings generalSettings;
    private final List<String> agents = new ArrayList<>();
    private final List<SimulatedCall> calls = new ArrayList<>();

    @BeforeEach
    void offerAfterOneSecondAndOpenAllDay() {
        generalSettings = acd.queues().stream().filter(q -> q.id().equals("general")).findFirst().orElseThrow();
        QueueSettings g = generalSettings;
        // Callbacks are dialled only while their queue is open; the tests may run at night.
        administration.saveQueue(new QueueSettings(g.id(), g.name(), g.slPercent(), g.slSeconds(), g.wrapUpSeconds(),
                g.ringSeconds(), g.maxWaitSeconds(), g.overflowQueue(), "Mon-Sun 00:00-24:00", g.announceSeconds(),
                g.skillLevel(), g.relaxAfterSeconds(), g.relaxedLevel()));
        generalBefore = acd.policy("general");
        administration.savePolicy(new QueuePolicy("general", 1, QueuePolicy.CallbackMode.AUTOMATIC,
                List.of(Duration.ofSeconds(1)), 2, QueuePolicy.ServiceMode.NORMAL));
    }

    @AfterEach
    void restore() throws Exception {
        for (SimulatedCall call : calls) {
            if (!call.isEnded()) {
                call.hangUp();
            }
        }
        for (String agent : agents) {
            await(() -> acd.agent(agent).orElseThrow().state() != AgentState.ON_CALL
                    && acd.agent(agent).orElseThrow().state() != AgentState.RESERVED, agent + " is free");
            acd.logout(agent);
        }
        // Requests this test left open would be dialled in the next one.
        for (CallbackRequest open : callbacks.since(Instant.now().minusSeconds(600), 100)) {
            if (open.state() == CallbackRequest.State.OPEN) {
                callbacks.cancel(open.id(), "end of test");
            }
        }
        administration.savePolicy(generalBefore);
        administration.saveQueue(generalSettings);
    }

    @Test
    void outsideBusinessHoursACallbackWaitsAndIsDialledWhenTheQueueOpens() throws Exception {
        QueueSettings g = generalSettings;
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneId.of("Africa/Porto-Novo"));
        String day = now.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
        String closedNow = now.getHour() < 12 ? day + " 12:00-24:00" : day + " 00:00-11:00";
        administration.saveQueue(new QueueSettings(g.id(), g.name(), g.slPercent(), g.slSeconds(), g.wrapUpSeconds(),
                g.ringSeconds(), g.maxWaitSeconds(), g.overflowQueue(), closedNow, g.announceSeconds(), g.skillLevel(),
                g.relaxAfterSeconds(), g.relaxedLevel()));
        String number = newNumber();
        PBX.customer(number).answersAfterRings(1);
        long id = callbacks.request(new CallbackRequests.Ask(number, number, "general", CallbackRequest.Origin.MENU, "fr",
                Instant.now(), null, null, null));
        String agent = agent();
        acd.makeAvailable(agent);
        Thread.sleep(2500); // a few dispatcher ticks

        assertThat(acd.agent(agent).orElseThrow().state()).isEqualTo(AgentState.AVAILABLE);
        assertThat(acd.openContacts()).filteredOn(c -> number.equals(c.callerNumber())).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(org.griot.routing.ContactState.WAITING));
        assertThat(callbacks.find(id).orElseThrow().state()).isEqualTo(CallbackRequest.State.OPEN);

        administration.saveQueue(new QueueSettings(g.id(), g.name(), g.slPercent(), g.slSeconds(), g.wrapUpSeconds(),
                g.ringSeconds(), g.maxWaitSeconds(), g.overflowQueue(), "Mon-Sun 00:00-24:00", g.announceSeconds(),
                g.skillLevel(), g.relaxAfterSeconds(), g.relaxedLevel()));
        await(() -> acd.agent(agent).orElseThrow().state() == AgentState.ON_CALL, "dialled once the queue is open");
        acd.hangUp(agent);
        await(() -> callbacks.find(id).filter(r -> r.state() == CallbackRequest.State.SERVED).isPresent(), "served");
    }

    @Test
    void aCallerOfferedACallbackWhileWaitingIsCalledBackAndConnectedToAnAgent() throws Exception {
        String agent = agent(); // logged in, still paused: the queue is staffed, the caller is queued
        String number = newNumber();
        PBX.customer(number).answersAfterRings(1);
        SimulatedCall call = PBX.call(number, "1919").press("1").press("0").press("2").start();
        calls.add(call);

        CallbackRequest request = awaitRequest(number);
        assertThat(call.awaitEnd(Duration.ofSeconds(15))).isTrue();
        assertThat(call.agiCommands()).anySatisfy(c -> assertThat(c).contains("griot/fr/waiting-options"))
                .anySatisfy(c -> assertThat(c).contains("griot/fr/callback-confirmed"));
        assertThat(request.origin()).isEqualTo(CallbackRequest.Origin.WAIT_OFFER);
        assertThat(request.state()).isEqualTo(CallbackRequest.State.OPEN);
        ContactView waiting = await(() -> acd.waiting("general").stream()
                .filter(c -> c.isCallback() && number.equals(c.callerNumber())).findFirst().orElse(null), "the callback waits in line");
        assertThat(waiting.callbackRequestId()).isEqualTo(request.id());
        assertThat(waiting.arrivedAt()).isEqualTo(request.waitingSince());

        acd.makeAvailable(agent);
        await(() -> acd.agent(agent).orElseThrow().state() == AgentState.ON_CALL, "the agent talks to the customer");
        acd.hangUp(agent);

        CallbackRequest served = await(() -> callbacks.find(request.id()).filter(r -> r.state() == CallbackRequest.State.SERVED)
                .orElse(null), "the request is served");
        assertThat(served.attempts()).isEqualTo(1);
        assertThat(served.agentId()).isEqualTo(agent);
        assertThat(served.servedAt()).isNotNull();
        assertThat(acd.history(number, 5)).anySatisfy(c -> {
            assertThat(c.isCallback()).isTrue();
            assertThat(c.outcome()).isEqualTo("ANSWERED");
        }).anySatisfy(c -> assertThat(c.outcome()).isEqualTo("CALLBACK"));
    }

    @Test
    void anotherNumberIsCalledBackAndAfterTheLastAttemptTheRequestFails() throws Exception {
        String caller = newNumber();
        String other = newNumber();
        PBX.customer(other).neverAnswers();
        SimulatedCall call = PBX.call(caller, "1919").press("1").press("0").press("3").press(other + "#").start();
        calls.add(call);
        CallbackRequest request = awaitRequest(other);
        assertThat(request.callerNumber()).isEqualTo(caller);
        assertThat(request.origin()).isEqualTo(CallbackRequest.Origin.WAIT_OFFER);
        String agent = agent();
        acd.makeAvailable(agent);

        CallbackRequest failed = await(() -> callbacks.find(request.id()).filter(r -> r.state() == CallbackRequest.State.FAILED)
                .orElse(null), "two unanswered attempts, then failed");

        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.outcome()).isEqualTo("NO_ANSWER");
        assertThat(acd.agent(agent).orElseThrow().state()).isEqualTo(AgentState.AVAILABLE);
    }

    @Test
    void aCustomerWhoCallsAgainMergesWithTheirRequestAndKeepsTheEarlierPlace() throws Exception {
        administration.savePolicy(new QueuePolicy("general", 0, QueuePolicy.CallbackMode.AUTOMATIC,
                List.of(Duration.ofMinutes(5)), 2, QueuePolicy.ServiceMode.NORMAL));
        String number = newNumber();
        Instant since = Instant.now().minusSeconds(600);
        long id = callbacks.request(new CallbackRequests.Ask(number, number, "general", CallbackRequest.Origin.MENU, "fr", since,
                null, null, null));
        await(() -> acd.waiting("general").stream().anyMatch(c -> number.equals(c.callerNumber())), "the callback waits");

        SimulatedCall again = PBX.call(number, "1919").press("0").start();
        calls.add(again);

        CallbackRequest merged = await(() -> callbacks.find(id).filter(r -> r.state() == CallbackRequest.State.MERGED).orElse(null),
                "the request merges with the new call");
        assertThat(merged.outcome()).isEqualTo("MERGED");
        ContactView live = await(() -> acd.waiting("general").stream()
                .filter(c -> !c.isCallback() && number.equals(c.callerNumber())).findFirst().orElse(null), "the live call waits");
        assertThat(live.arrivedAt()).isEqualTo(merged.waitingSince());
        assertThat(acd.waiting("general")).noneMatch(c -> c.isCallback() && number.equals(c.callerNumber()));
    }

    @Test
    void inEmergencyModeCallersHearTheMessageAndMayLeaveAMessageForACallback() throws Exception {
        administration.switchMode("general", QueuePolicy.ServiceMode.EMERGENCY);
        try {
            String number = newNumber();
            SimulatedCall call = PBX.call(number, "1919").press("1").press("0").press("4").start();
            calls.add(call);

            CallbackRequest request = awaitRequest(number);
            assertThat(call.awaitEnd(Duration.ofSeconds(15))).isTrue();
            assertThat(call.agiCommands()).anySatisfy(c -> assertThat(c).contains("griot/fr/emergency-message"))
                    .anySatisfy(c -> assertThat(c).startsWith("RECORD FILE"))
                    .anySatisfy(c -> assertThat(c).contains("griot/fr/message-recorded"));
            assertThat(request.origin()).isEqualTo(CallbackRequest.Origin.VOICEMAIL);
            assertThat(request.recording()).contains(call.uniqueid().replaceAll("[^A-Za-z0-9._-]", "_"));
            assertThat(acd.openContacts()).noneMatch(c -> !c.isCallback() && number.equals(c.callerNumber()));
        } finally {
            administration.switchMode("general", QueuePolicy.ServiceMode.NORMAL);
        }
    }

    // ------------------------------------------------------------------ helpers

    private CallbackRequest awaitRequest(String number) throws InterruptedException {
        return await(() -> callbacks.since(Instant.now().minusSeconds(120), 50).stream().filter(r -> number.equals(r.number()))
                .findFirst().orElse(null), "a callback request for " + number);
    }

    private String agent() throws InterruptedException {
        int extension = EXTENSIONS.incrementAndGet();
        String id = "callback-agent-" + extension + "-" + NUMBERS.incrementAndGet();
        administration.saveAgent(id, "Agent " + extension, null, "language:fr=5", List.of("general"));
        PBX.phone(Integer.toString(extension)).answersAfterRings(1);
        await(() -> acd.agent(id).isPresent(), "the profile reaches the ACD");
        acd.login(id, Integer.toString(extension));
        agents.add(id);
        return id;
    }

    private static String newNumber() {
        return String.format("2296%07d", NUMBERS.incrementAndGet());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        org.griot.Await.until(condition, what, Duration.ofSeconds(30));
    }

    private static <T> T await(java.util.function.Supplier<T> value, String what) throws InterruptedException {
        return org.griot.Await.value(value, what, Duration.ofSeconds(30));
    }
}
