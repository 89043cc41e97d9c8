package org.griot.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.griot.IntegrationTest;
import org.griot.telephony.simulator.SimulatedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Callers dial 1919 on the fake Asterisk, walk the IVR over real FastAGI sockets, are queued by the
 * routing rules and wait in Asterisk's holding area; the ACD connects them to agents' desk phones with
 * AMI Redirects, and learns of answers, no-answers and hang-ups from AMI events.
 */
class AcdScenarioTests extends IntegrationTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger(new java.util.Random().nextInt(90_000) * 10);
    private static final AtomicInteger EXTENSIONS = new AtomicInteger(2000);

    @Autowired
    Acd acd;

    @Autowired
    RoutingStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.griot.telephony.TelephonyControl telephony;

    @Autowired
    org.griot.telephony.TelephonyEvents events;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    private final List<String> agents = new ArrayList<>();
    private final List<SimulatedCall> calls = new ArrayList<>();
    /** Who was offered to whom, in order: "agent<-caller". */
    private final List<String> offers = new CopyOnWriteArrayList<>();
    private final AcdListener recorder = new AcdListener() {
        @Override
        public void agentChanged(AgentView agent) {
        }

        @Override
        public void contactOffered(AgentView agent, ContactView contact) {
            offers.add(agent.id() + "<-" + contact.callerNumber());
        }
    };

    @BeforeEach
    void listen() {
        acd.addListener(recorder);
    }

    @AfterEach
    void leave() throws Exception {
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
        await(() -> acd.openContacts().stream().noneMatch(c -> calls.stream().anyMatch(call -> call.uniqueid().equals(c.callId()))),
                "the test's calls left the ACD");
    }

    @Test
    void inAQueueHigherPriorityComesFirstThenArrivalOrder() throws Exception {
        String first = caller();
        String second = caller();
        String third = caller();
        String gold = caller("GOLD"); // arrives last, priority 3 instead of 5
        String agent = agent("language:fr=5", "general");

        acd.makeAvailable(agent);
        serveAll(agent, 4);

        assertThat(offersTo(agent)).containsExactly(gold, first, second, third);
        assertThat(history(first)).extracting(ContactView::outcome, ContactView::disposition).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ANSWERED", "INFO"));
    }

    @Test
    void aVipCallerJumpsAheadOfEveryoneWaitingInTheAgentsOtherQueues() throws Exception {
        String standard = caller();
        String vip = caller("VIP");
        assertThat(acd.waiting("vip")).extracting(ContactView::callerNumber).contains(vip);
        String agent = agent("language:fr=5", "general", "vip");

        acd.makeAvailable(agent);
        serveAll(agent, 2);

        assertThat(offersTo(agent)).containsExactly(vip, standard);
    }

    @Test
    void anAgentLogsInWhileAColleagueIsAvailable() throws Exception {
        String first = agent("language:fr=5", "general");
        acd.makeAvailable(first);

        String second = agent("language:fr=5", "general"); // a new profile: never idle yet
        acd.makeAvailable(second);
        String number = caller();

        await(() -> acd.agent(first).orElseThrow().state() == AgentState.ON_CALL, "the longest idle takes the call");
        assertThat(offersTo(first)).containsExactly(number);
        assertThat(acd.agent(second).orElseThrow().state()).isEqualTo(AgentState.AVAILABLE);
    }

    @Test
    void manyCallersAreSpreadOverTheAgentsLongestIdleFirst() throws Exception {
        String a = agent("language:fr=5", "general");
        String b = agent("language:fr=5", "general");
        String c = agent("language:fr=5", "general");
        acd.makeAvailable(b);
        acd.makeAvailable(c);
        acd.makeAvailable(a); // idle the shortest

        List<String> callers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            callers.add(caller());
            String expected = List.of(b, c, a).get(i);
            await(() -> acd.agent(expected).orElseThrow().state() == AgentState.ON_CALL, expected + " talks");
        }

        assertThat(offers).containsExactly(b + "<-" + callers.get(0), c + "<-" + callers.get(1), a + "<-" + callers.get(2));
        for (String agent : List.of(a, b, c)) {
            ContactView talking = acd.contact(acd.agent(agent).orElseThrow().contactId()).orElseThrow();
            assertThat(talking.state()).isEqualTo(ContactState.CONNECTED);
            assertThat(talking.answeredAt()).isNotNull();
        }
        assertThat(PBX.phone(extensionOf(b)).timesRung()).isEqualTo(1);
    }

    @Test
    void aContactWaitsForTheRequiredSkillLevelThenTheLevelIsRelaxed() throws Exception {
        QueueSettings general = generalQueue();
        store.saveQueue(new QueueSettings("general", general.name(), general.slPercent(), general.slSeconds(),
                general.wrapUpSeconds(), general.ringSeconds(), general.maxWaitSeconds(), general.overflowQueue(),
                general.businessHours(), general.announceSeconds(), 3, 2, 1));
        acd.configurationChanged();
        try {
            String beginner = agent("language:fr=1", "general");
            acd.makeAvailable(beginner);
            long queuedAt = System.nanoTime();
            String number = caller();

            assertThat(acd.agent(beginner).orElseThrow().state()).isEqualTo(AgentState.AVAILABLE);
            await(() -> acd.agent(beginner).orElseThrow().state() == AgentState.ON_CALL, "the relaxed contact reaches the beginner");

            assertThat(Duration.ofNanos(System.nanoTime() - queuedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(offersTo(beginner)).containsExactly(number);
        } finally {
            store.saveQueue(general);
            acd.configurationChanged();
        }
    }

    @Test
    void waitingCallersHearTheirPlaceInLineAndTheExpectedWaitThenTheMusicAgain() throws Exception {
        QueueSettings general = generalQueue();
        store.saveQueue(new QueueSettings("general", general.name(), general.slPercent(), general.slSeconds(),
                general.wrapUpSeconds(), general.ringSeconds(), general.maxWaitSeconds(), general.overflowQueue(),
                general.businessHours(), 1, general.skillLevel(), general.relaxAfterSeconds(), general.relaxedLevel()));
        acd.configurationChanged();
        try {
            String first = caller();
            String second = caller();
            SimulatedCall secondCall = calls.get(calls.size() - 1);

            await(() -> secondCall.agiCommands().stream().anyMatch(c -> c.contains("griot/fr/queue-expected-wait")),
                    "the second caller hears the expected wait");

            assertThat(acd.position(secondCall.uniqueid())).hasValueSatisfying(p -> {
                assertThat(p.position()).isEqualTo(acd.waiting("general").stream().map(ContactView::callerNumber).toList()
                        .indexOf(second) + 1);
                assertThat(p.expectedMinutes()).isPositive();
            });
            assertThat(secondCall.agiCommands()).anySatisfy(c -> assertThat(c).contains("griot/fr/queue-position"))
                    .anySatisfy(c -> assertThat(c).startsWith("SAY NUMBER"));
            await(() -> secondCall.eventNames().stream().filter("MusicOnHoldStart"::equals).count() >= 2,
                    "the caller is back on hold after the announcement");
            assertThat(secondCall.isEnded()).isFalse();
            assertThat(acd.waiting("general")).extracting(ContactView::callerNumber).contains(first, second);
        } finally {
            store.saveQueue(general);
            acd.configurationChanged();
        }
    }

    @Test
    void anAgentWhoDoesNotAnswerIsPausedAndTheCallerKeepsTheirPlace() throws Exception {
        String first = caller();
        String second = caller();
        String absent = agent("language:fr=5", "general");
        PBX.phone(extensionOf(absent)).neverAnswers();

        acd.makeAvailable(absent);
        await(() -> acd.agent(absent).orElseThrow().state() == AgentState.PAUSED, "the absent agent is paused");

        AgentView paused = acd.agent(absent).orElseThrow();
        assertThat(paused.pauseReason()).isEqualTo(Acd.PAUSE_NO_ANSWER);
        assertThat(acd.waiting("general")).extracting(ContactView::callerNumber).containsSubsequence(first, second);
        String present = agent("language:fr=5", "general");
        acd.makeAvailable(present);
        await(() -> acd.agent(present).orElseThrow().state() == AgentState.ON_CALL, "the present agent talks");

        assertThat(offersTo(absent)).containsExactly(first);
        assertThat(offersTo(present)).containsExactly(first);
        assertThat(PBX.phone(extensionOf(absent)).timesRung()).isEqualTo(1);
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingLeavesTheQueueAsAbandoned() throws Exception {
        String number = caller();
        SimulatedCall call = calls.get(calls.size() - 1);

        call.hangUp();

        await(() -> acd.openContacts().stream().noneMatch(c -> number.equals(c.callerNumber())), "the contact left");
        assertThat(history(number)).singleElement().satisfies(contact -> {
            assertThat(contact.outcome()).isEqualTo("ABANDONED");
            assertThat(contact.state()).isEqualTo(ContactState.ENDED);
            assertThat(contact.answeredAt()).isNull();
        });
    }

    @Test
    void anAgentWhoLogsOutIsNeverOfferedTheWaitingCallsTheOthersServeThem() throws Exception {
        String leaving = agent("language:fr=5", "general");
        String staying = agent("language:fr=5", "general");
        String number = caller();

        acd.logout(leaving);
        acd.makeAvailable(staying);
        await(() -> acd.agent(staying).orElseThrow().state() == AgentState.ON_CALL, "the staying agent talks");

        assertThat(acd.agent(leaving).orElseThrow().state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(offersTo(staying)).containsExactly(number);
        assertThat(offers).noneMatch(o -> o.startsWith(leaving + "<-"));
        assertThatThrownBy(() -> acd.logout(staying)).isInstanceOf(AcdException.class).hasMessageContaining("on-call");
        assertThatThrownBy(() -> acd.makeAvailable(leaving)).isInstanceOf(AcdException.class);
    }

    @Test
    void afterARestartTheWaitingCallersAreStillServedInOrder() throws Exception {
        String first = caller();
        String second = caller();
        String third = caller();
        String agent = agent("language:fr=5", "general");

        acd.stop(); // the node goes away: nothing in memory survives
        acd.start(); // and comes back: the queue is read again from MariaDB

        assertThat(acd.waiting("general")).extracting(ContactView::callerNumber).containsSubsequence(first, second, third);
        acd.login(agent, extensionOf(agent));
        acd.makeAvailable(agent);
        serveAll(agent, 3);
        assertThat(offersTo(agent)).containsExactly(first, second, third);
    }

    @Test
    void aCallerStillHeldByThePbxWhoseContactWasLostGetsTheirPlaceBackAfterARestart() throws Exception {
        String first = caller();
        String lost = caller();
        String third = caller();
        String agent = agent("language:fr=5", "general");
        String lostCall = calls.get(1).uniqueid();

        acd.stop();
        // The contact never reached the database (or the database was lost); Asterisk still holds the caller.
        jdbc.sql("delete from contact where call_id = ?").param(lostCall).update();
        acd.start();

        await(() -> acd.waiting("general").stream().anyMatch(c -> c.callId().equals(lostCall)), "the held caller re-adopted");
        assertThat(acd.waiting("general")).extracting(ContactView::callerNumber).containsSubsequence(first, lost, third);
        ContactView readopted = acd.waiting("general").stream().filter(c -> c.callId().equals(lostCall)).findFirst().orElseThrow();
        assertThat(readopted.reason()).isEqualTo("re-adopted");
        assertThat(readopted.skills()).contains("language:fr");
        acd.login(agent, extensionOf(agent));
        acd.makeAvailable(agent);
        serveAll(agent, 3);
        assertThat(offersTo(agent)).containsExactly(first, lost, third);
        assertThat(jdbc.sql("select count(*) from contact where call_id = ? and outcome = 'ANSWERED'").param(lostCall)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aCallerWaitingTooLongOverflowsToTheBackUpQueueKeepingTheirArrival() throws Exception {
        QueueSettings vip = queue("vip");
        store.saveQueue(new QueueSettings("vip", vip.name(), vip.slPercent(), vip.slSeconds(), vip.wrapUpSeconds(),
                vip.ringSeconds(), 1, "general", vip.businessHours(), 0, vip.skillLevel(), vip.relaxAfterSeconds(),
                vip.relaxedLevel()));
        acd.configurationChanged();
        try {
            String number = caller("VIP"); // nobody serves the VIP queue in this test
            await(() -> acd.waiting("general").stream().anyMatch(c -> number.equals(c.callerNumber())), "overflow to general");
            ContactView moved = acd.waiting("general").stream().filter(c -> number.equals(c.callerNumber())).findFirst().orElseThrow();
            assertThat(moved.priority()).isEqualTo(1);

            String agent = agent("language:fr=5", "general");
            acd.makeAvailable(agent);
            await(() -> acd.agent(agent).orElseThrow().state() == AgentState.ON_CALL, "the general agent takes the VIP");
            assertThat(offersTo(agent)).containsExactly(number);
            assertThat(acd.contact(moved.id()).orElseThrow().arrivedAt()).isEqualTo(moved.arrivedAt());
        } finally {
            store.saveQueue(vip);
            acd.configurationChanged();
        }
    }

    @Test
    void wrapUpEndsByItselfAfterTheQueuesWrapUpTime() throws Exception {
        QueueSettings general = generalQueue();
        store.saveQueue(new QueueSettings("general", general.name(), general.slPercent(), general.slSeconds(), 1,
                general.ringSeconds(), general.maxWaitSeconds(), general.overflowQueue(), general.businessHours(),
                general.announceSeconds(), general.skillLevel(), general.relaxAfterSeconds(), general.relaxedLevel()));
        acd.configurationChanged();
        try {
            String agent = agent("language:fr=5", "general");
            acd.makeAvailable(agent);
            caller();
            await(() -> acd.agent(agent).orElseThrow().state() == AgentState.ON_CALL, "the agent talks");
            long contact = acd.agent(agent).orElseThrow().contactId();

            acd.hangUp(agent);
            await(() -> acd.agent(agent).orElseThrow().state() == AgentState.WRAP_UP, "wrap-up");
            await(() -> acd.agent(agent).orElseThrow().state() == AgentState.AVAILABLE, "available after 1 s of wrap-up");

            // The disposition can still be saved afterwards; the agent stays available.
            assertThat(acd.wrapUp(agent, contact, "COMPLAINT", "rappel demandé").state()).isEqualTo(AgentState.AVAILABLE);
            assertThat(acd.contact(contact).orElseThrow().disposition()).isEqualTo("COMPLAINT");
            assertThatThrownBy(() -> acd.wrapUp(agent, contact, "NOT-A-CODE", null)).isInstanceOf(AcdException.class)
                    .hasMessageContaining("not one of queue general");
        } finally {
            store.saveQueue(general);
            acd.configurationChanged();
        }
    }

    @Test
    void anAgentTransfersTheCallerToAnotherQueueThenAColleagueTakesThemDirectly() throws Exception {
        String first = agent("language:fr=5", "general");
        String money = agent("language:fr=5", "mobile-money");
        acd.makeAvailable(first);
        String number = caller();
        await(() -> acd.agent(first).orElseThrow().state() == AgentState.ON_CALL, "the first agent talks");
        long firstContact = acd.agent(first).orElseThrow().contactId();

        acd.transferToQueue(first, "mobile-money");
        acd.makeAvailable(money);
        await(() -> acd.agent(money).orElseThrow().state() == AgentState.ON_CALL, "the mobile-money agent talks");

        assertThat(acd.contact(firstContact).orElseThrow().outcome()).isEqualTo("TRANSFERRED");
        assertThat(acd.agent(first).orElseThrow().state()).isIn(AgentState.WRAP_UP, AgentState.AVAILABLE);
        ContactView second = acd.contact(acd.agent(money).orElseThrow().contactId()).orElseThrow();
        assertThat(second.queue()).isEqualTo("mobile-money");
        assertThat(second.callerNumber()).isEqualTo(number);
        assertThat(second.reason()).isEqualTo("transfer:" + first);

        acd.wrapUp(first, firstContact, "TRANSFER", null);
        acd.transferToAgent(money, first);
        await(() -> acd.agent(first).orElseThrow().state() == AgentState.ON_CALL, "the first agent has the caller back");
        assertThat(offersTo(first)).containsExactly(number, number);
        assertThatThrownBy(() -> acd.conference(first, money)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCallQueuedOnAnotherNodeIsTakenInByTheDispatcherAndAGoneCallIsDropped() throws Exception {
        Acd otherNode = new Acd(store, telephony, events, java.time.Clock.systemUTC(),
                new RoutingProperties(null, Duration.ofHours(1), null, "another-node", null), transactions,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        otherNode.start();
        try {
            assertThat(otherNode.isDispatcher()).isFalse();
            String gone = "gone-" + NUMBERS.incrementAndGet();
            long id = otherNode.enqueue(new ContactRequest(gone, "22990000001", "general", 5, List.of("language:fr"), "fr",
                    "choice", "test", null));

            await(() -> acd.openContacts().stream().anyMatch(c -> c.id() == id), "the dispatcher adopts the contact");
            assertThatThrownBy(() -> otherNode.makeAvailable("agent")).isInstanceOf(AcdException.class)
                    .hasMessageContaining("another Griot node");

            String agent = agent("language:fr=5", "general");
            acd.makeAvailable(agent); // offered first (it arrived first), but the PBX has no such call
            await(() -> "ABANDONED".equals(acd.contact(id).orElseThrow().outcome()), "the gone call is dropped");
            assertThat(acd.agent(agent).orElseThrow().state()).isEqualTo(AgentState.AVAILABLE);
            assertThat(acd.agent(agent).orElseThrow().pauseReason()).isNull();
        } finally {
            otherNode.stop();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Serves {@code count} calls: talks, hangs up from the desk, wraps up with a disposition. */
    private void serveAll(String agent, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            await(() -> acd.agent(agent).orElseThrow().state() == AgentState.ON_CALL, agent + " talks (call " + (i + 1) + ")");
            long contact = acd.agent(agent).orElseThrow().contactId();
            acd.hangUp(agent);
            await(() -> acd.agent(agent).orElseThrow().state() == AgentState.WRAP_UP, agent + " wraps up");
            acd.wrapUp(agent, contact, "INFO", "served by the scenario");
        }
    }

    private QueueSettings generalQueue() {
        return queue("general");
    }

    private QueueSettings queue(String id) {
        return store.queues().stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow();
    }

    private List<String> offersTo(String agent) {
        return offers.stream().filter(o -> o.startsWith(agent + "<-")).map(o -> o.substring(agent.length() + 2)).toList();
    }

    private List<ContactView> history(String number) {
        return acd.history(number, 10);
    }

    private String caller() throws Exception {
        return caller(null);
    }

    /** A new caller dials 1919, picks French and asks for an agent; returns once they wait in the ACD. */
    private String caller(String segment) throws Exception {
        String number = String.format("2299%07d", NUMBERS.incrementAndGet());
        if (segment != null) {
            jdbc.sql("insert into caller_segment (caller_number, segment, imported_at) values (?, ?, CURRENT_TIMESTAMP(3))")
                    .params(number, segment).update();
        }
        SimulatedCall call = PBX.call(number, "1919").press("1").press("0").start();
        calls.add(call);
        await(() -> acd.openContacts().stream().anyMatch(c -> number.equals(c.callerNumber())), number + " is queued");
        return number;
    }

    /** An agent profile, logged in on a new desk phone that answers at the first ring. */
    private String agent(String skills, String... queues) {
        int extension = EXTENSIONS.incrementAndGet();
        String id = "scenario-" + extension + "-" + NUMBERS.incrementAndGet();
        store.saveAgentProfile(id, "Agent " + extension, null, RoutingAdministration.parseSkills(skills), List.of(queues));
        acd.configurationChanged();
        PBX.phone(Integer.toString(extension)).answersAfterRings(1);
        acd.login(id, Integer.toString(extension));
        agents.add(id);
        return id;
    }

    private String extensionOf(String agent) {
        return agent.split("-")[1];
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        org.griot.Await.until(condition, what, Duration.ofSeconds(15));
    }
}
