package org.griot.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.griot.GriotApplication;
import org.griot.telephony.CallCommand;
import org.griot.telephony.CallScript;
import org.griot.telephony.CallSession;
import org.griot.telephony.WaitingCallData;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Griot as {@link AcdRestartScenarioTests} runs it in a child JVM (the test kills it with kill -9):
 * the whole application against the test's fake Asterisk and MariaDB, plus the service number's
 * script "restart-park", which does what the IVR does when it queues a caller: writes the caller's
 * queue data on the call, parks it in griot-hold and enqueues the contact — except for callers whose
 * number ends in an even digit, whose contact is never written (as when Griot dies between parking
 * the caller and writing the contact, or the database lost it). Prints {@link #READY} once started
 * and the agents given in {@code restart.agents} (id:extension,...) are logged in and available.
 */
public final class AcdRestartChild {

    static final String SCRIPT = "restart-park";
    static final String READY = "GRIOT-RESTART-CHILD-READY";

    /** Not a @Configuration: component scanning of the test suite's context must not pick it up. */
    static class ParkScript {
        @Bean
        CallScript restartParkScript(Acd acd) {
            return new CallScript() {
                @Override
                public String name() {
                    return SCRIPT;
                }

                @Override
                public void serve(CallSession call) {
                    call.answer();
                    String caller = call.info().callerNumber();
                    for (CallCommand.SetCallData data : WaitingCallData.of("general", 5, List.of("language:fr"), "fr",
                            Instant.now(), 10)) {
                        call.perform(data);
                    }
                    call.perform(new CallCommand.SetCallData("GRIOT_NEXT", "griot-hold,s,1"));
                    int last = caller.charAt(caller.length() - 1) - '0';
                    if (last % 2 == 1) {
                        acd.enqueue(new ContactRequest(call.info().callId().value(), caller, "general", 5,
                                List.of("language:fr"), "fr", "restart-test", "restart scenario", null));
                    }
                }
            };
        }
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(GriotApplication.class, ParkScript.class).run(args);
        Acd acd = app.getBean(Acd.class);
        RoutingStore store = app.getBean(RoutingStore.class);
        QueueSettings general = store.queues().stream().filter(q -> q.id().equals("general")).findFirst().orElseThrow();
        store.saveQueue(new QueueSettings("general", general.name(), 80, 20, Integer.getInteger("restart.wrapUp", 1), 10, 0,
                null, null, 0, 1, 0, 1));
        String agents = System.getProperty("restart.agents", "");
        for (String agent : agents.split(",")) {
            if (!agent.isBlank()) {
                String[] idAndExtension = agent.split(":");
                store.saveAgentProfile(idAndExtension[0], "Restart agent " + idAndExtension[0], null, Map.of("language:fr", 5),
                        List.of("general"));
            }
        }
        acd.configurationChanged();
        for (String agent : agents.split(",")) {
            if (!agent.isBlank()) {
                String[] idAndExtension = agent.split(":");
                acd.login(idAndExtension[0], idAndExtension[1]);
                acd.makeAvailable(idAndExtension[0]);
            }
        }
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join(); // until killed
    }

    private AcdRestartChild() {
    }
}
