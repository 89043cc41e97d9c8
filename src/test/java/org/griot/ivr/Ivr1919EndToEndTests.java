package org.griot.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.griot.IntegrationTest;
import org.griot.decision.DecisionRecorder;
import org.griot.telephony.simulator.FakeAsterisk;
import org.griot.telephony.simulator.SimulatedCall;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A caller dials 1919 on the fake Asterisk; Griot's FastAGI server (real sockets) hands the call to
 * the IVR script, which walks processes/ivr-1919.bpmn step by step on the whole application (Camunda,
 * rules, self-care, MariaDB) — from "dials 1919" to "queued for agents with queue X, priority P,
 * because rule R", or served by the IVR.
 */
class Ivr1919EndToEndTests extends IntegrationTest {

    @Autowired
    HistoryService history;

    @Autowired
    DecisionRecorder decisions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.griot.callback.CallbackRequests callbacks;

    /** The suite's fake Asterisk: Griot's own FastAGI server and AMI link serve its calls. */
    static final FakeAsterisk fake = PBX;

    @Test
    void aVipCallerAskingForAnAgentIsQueuedWithTheRuleThatDecidedIt() throws Exception {
        jdbc.sql("delete from caller_profile where caller_number = '22997000001'").update();
        SimulatedCall call = fake.call("22997000001", "1919")
                .press("1")      // language menu: français
                .press("0")      // main menu: an agent
                .start();

        assertThat(waitsForAnAgent(call)).isTrue();

        assertThat(call.variable("GRIOT_QUEUE")).isEqualTo("vip");
        assertThat(call.variable("GRIOT_PRIORITY")).isEqualTo("1");
        assertThat(call.variable("GRIOT_NEXT")).isEqualTo(IvrCallScript.HOLD_LOCATION);
        assertThat(routing(call)).singleElement().asString()
                .contains("Priority numbers (VIP list) go to the VIP queue first", "queue=vip, priority=1", "language:fr");
        assertThat(path(call)).containsSubsequence("call-arrived", "choose-language", "set-language", "welcome", "main-menu",
                "route-to-agent", "transfer-to-agent", "queued-for-agent");
        assertThat(jdbc.sql("select preferred_language from caller_profile where caller_number = '22997000001'")
                .query(String.class).single()).isEqualTo("fr");
        assertThat(call.agiCommands()).anySatisfy(c -> assertThat(c).contains("griot/fr/main-menu"));
    }

    @Test
    void aRememberedCallerIsGreetedInTheirLanguageAndRoutedToTheirLastChannelsTeam() throws Exception {
        // Demo data: 22997000004 chose Fon before and last talked to an agent on WhatsApp.
        SimulatedCall call = fake.call("22997000004", "1919").press("0").start();

        assertThat(waitsForAnAgent(call)).isTrue();

        assertThat(path(call)).contains("welcome-back").doesNotContain("choose-language");
        assertThat(call.agiCommands()).anySatisfy(c -> assertThat(c).contains("griot/fon/welcome-back"));
        assertThat(call.variable("GRIOT_QUEUE")).isEqualTo("whatsapp");
        assertThat(routing(call).get(0))
                .contains("Callers last served on WhatsApp go to the WhatsApp team", "language:fon");
    }

    @Test
    void aCallerServesThemselvesTheirBalanceAndTheIvrHangsUp() throws Exception {
        SimulatedCall call = fake.call("22997000002", "1919").press("2").press("3").start();

        assertThat(call.awaitEnd(Duration.ofSeconds(20))).isTrue();

        assertThat(path(call)).containsSubsequence("main-menu", "lookup-balance", "say-balance", "goodbye", "hang-up",
                "served-in-ivr");
        assertThat(call.agiCommands()).anySatisfy(c -> assertThat(c).startsWith("SAY NUMBER"));
        assertThat(call.variable("GRIOT_QUEUE")).isNull();
    }

    @Test
    void theConsumptionIsFollowedByTheLastThreeCallsWhichNeverReachTheHistory() throws Exception {
        // Demo data: 22997000001 has 5 calls, the most recent to 22997000002, then 22961234567 and 22521234567.
        jdbc.sql("delete from caller_profile where caller_number = '22997000001'").update();
        SimulatedCall call = fake.call("22997000001", "1919").press("1").press("2").start();

        assertThat(call.awaitEnd(Duration.ofSeconds(30))).isTrue();

        assertThat(path(call)).containsSubsequence("lookup-consumption", "say-consumption", "lookup-last-calls", "goodbye",
                "hang-up", "served-in-ivr");
        List<String> commands = call.agiCommands();
        assertThat(commands).anySatisfy(c -> assertThat(c).contains("griot/fr/last-calls-intro"));
        assertThat(commands).filteredOn(c -> c.contains("griot/fr/last-call-to")).hasSize(3);
        assertThat(commands).filteredOn(c -> c.contains("griot/fr/last-call-lasted")).hasSize(3);
        // The number called is said digit by digit, right after "call to".
        int first = commands.indexOf(commands.stream().filter(c -> c.contains("griot/fr/last-call-to")).findFirst().orElseThrow());
        assertThat(commands.subList(first + 1, first + 12)).allSatisfy(c -> assertThat(c).contains("griot/fr/digit-"));
        assertThat(String.join("", commands.subList(first + 1, first + 12).stream()
                .map(c -> c.replaceAll("(?s).*griot/fr/digit-(\\d).*", "$1")).toList())).isEqualTo("22997000002");
        String processInstanceId = waitForProcessEnd(call);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list())
                .allSatisfy(v -> assertThat(String.valueOf(v.getValue())).doesNotContain("22961234567", "22521234567"))
                .extracting("name").contains("lastCallsSaid")
                .doesNotContain("bargedIn"); // no prompt of the 1919 takes barge-in keys: nothing to record
    }

    @Test
    void theIdentityIsCheckedBeforeThePukIsSaidAndThePukNeverReachesTheHistory() throws Exception {
        SimulatedCall call = fake.call("22997000003", "1919").press("1").press("1").press("2468").start();

        assertThat(call.awaitEnd(Duration.ofSeconds(20))).isTrue();

        assertThat(path(call)).containsSubsequence("collect-identity", "lookup-identity", "lookup-puk", "goodbye");
        assertThat(call.agiCommands()).anySatisfy(c -> assertThat(c).contains("griot/fr/puk-is"));
        String processInstanceId = waitForProcessEnd(call);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list())
                .extracting("name").doesNotContain("puk");
    }

    @Test
    void aWrongIdentityAnswerSendsTheCallerToAnAgentWithoutThePuk() throws Exception {
        SimulatedCall call = fake.call("22997000005", "1919").press("1").press("1").press("0000").start();

        assertThat(waitsForAnAgent(call)).isTrue();

        assertThat(path(call)).containsSubsequence("lookup-identity", "identity-failed", "route-to-agent").doesNotContain("lookup-puk");
        assertThat(call.agiCommands()).noneSatisfy(c -> assertThat(c).contains("puk-is"));
        assertThat(call.variable("GRIOT_QUEUE")).isEqualTo("general");
    }

    @Test
    void invalidKeysAndSilenceAreRetriedThenTheCallerGetsAnAgent() throws Exception {
        SimulatedCall call = fake.call("22997000006", "1919")
                .press("1")                   // language
                .press("7")                   // not an option
                .noInput().noInput()          // silence through the prompt and the wait after it
                .press("9")                   // not an option either: third failure
                .start();

        assertThat(waitsForAnAgent(call)).isTrue();

        assertThat(call.agiCommands()).anySatisfy(c -> assertThat(c).contains("griot/fr/invalid-choice"))
                .anySatisfy(c -> assertThat(c).contains("griot/fr/no-input"))
                .anySatisfy(c -> assertThat(c).contains("griot/fr/too-many-attempts"));
        assertThat(call.variable("GRIOT_QUEUE")).isEqualTo("general");
        assertThat(routing(call).get(0)).contains("Everyone else goes to the general queue");
    }

    @Test
    void aCallerHangingUpInTheMenuEndsTheProcessWhereTheyLeft() throws Exception {
        SimulatedCall call = fake.call("22997000007", "1919").press("1").hangUpDuringCollection(2).start();

        assertThat(call.awaitEnd(Duration.ofSeconds(20))).isTrue();

        String processInstanceId = waitForProcessEnd(call);
        var instance = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        assertThat(instance.getDeleteReason()).isEqualTo("caller hung up");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).activityId("main-menu")
                .singleResult().isCanceled()).isTrue();
    }

    @Test
    @org.springframework.security.test.context.support.WithMockUser(username = "e2e", roles = "SUPERVISOR")
    void aCallerAsksToBeCalledBackFromTheMenuAndIsNotQueued() throws Exception {
        String number = "2299" + (7_100_000 + new java.util.Random().nextInt(800_000));
        SimulatedCall call = fake.call(number, "1919").press("1").press("5").start();

        assertThat(call.awaitEnd(Duration.ofSeconds(20))).isTrue();

        assertThat(path(call)).containsSubsequence("main-menu", "request-callback", "callback-confirmed", "callback-hang-up",
                "callback-promised").doesNotContain("transfer-to-agent");
        assertThat(call.agiCommands()).anySatisfy(c -> assertThat(c).contains("griot/fr/callback-confirmed"));
        assertThat(call.variable("GRIOT_QUEUE")).isNull();
        assertThat(jdbc.sql("select origin, queue_id, state from callback_request where number = ?").param(number)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).single())
                .isEqualTo("MENU general OPEN");
        assertThat(routing(call)).singleElement().asString().contains("Everyone else goes to the general queue");
        long id = jdbc.sql("select id from callback_request where number = ?").param(number).query(Long.class).single();
        assertThat(callbacks.cancel(id, "end of test")).isTrue(); // not dialled by a later test's agent
    }

    /**
     * The IVR sent the caller to Asterisk's holding area (GRIOT_NEXT = griot-hold): music on hold while
     * the ACD looks for an agent. The caller then gives up (hangs up), which ends the test's call.
     */
    static boolean waitsForAnAgent(SimulatedCall call) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline && !call.isEnded() && !call.eventNames().contains("MusicOnHoldStart")) {
            Thread.sleep(10);
        }
        boolean held = call.eventNames().contains("MusicOnHoldStart");
        if (!call.isEnded()) {
            call.hangUp();
        }
        return held && call.awaitEnd(Duration.ofSeconds(10));
    }

    /** The routing decisions of the call (the outage playbook's decision is recorded too, when it queues). */
    private List<String> routing(SimulatedCall call) {
        return decisions.explanations("call", call.uniqueid()).stream().filter(e -> !e.contains("playbook:")).toList();
    }

    private List<String> path(SimulatedCall call) throws InterruptedException {
        String processInstanceId = waitForProcessEnd(call);
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
                .map(a -> a.getActivityId()).toList();
    }

    private String waitForProcessEnd(SimulatedCall call) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            var instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(call.uniqueid()).singleResult();
            if (instance != null && instance.getEndTime() != null) {
                return instance.getId();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the process of call " + call.uniqueid() + " did not end");
    }
}
