package org.griot.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.griot.IntegrationTest;
import org.griot.workflow.ProcessStatistics.Traffic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Real callers and test traffic are counted apart on the IVR map: a call with the staging variable
 * (a test line on the production number, say) or a simulated business key is a test, whatever
 * version it runs; any other call is a real caller.
 */
class ProcessStatisticsIntegrationTests extends IntegrationTest {

    @Autowired
    ProcessStatistics statistics;

    @Autowired
    CallProcesses processes;

    @Autowired
    ProcessReleases releases;

    @Autowired
    ProcessDiagrams diagrams;

    @Test
    void aStagingCallAndASimulatedCallCountAsTestsAndAnOrdinaryCallAsACaller() {
        String definition = releases.definitionFor("ivr-1919", false);
        ProcessVersion version = diagrams.definition(definition).orElseThrow();
        Instant from = Instant.now().minus(Duration.ofHours(1));
        Instant to = Instant.now().plus(Duration.ofHours(1));
        Map<String, ActivityStatistics> callersBefore = byId(statistics.activities(version, from, to));
        Map<String, ActivityStatistics> testsBefore = byId(statistics.activities(version, from, to, Traffic.TESTS));

        hangUpAtTheFirstStep(definition, "line-" + UUID.randomUUID(), true);    // test line: staging=true
        hangUpAtTheFirstStep(definition, "sim-" + UUID.randomUUID(), false);   // simulated, production version
        hangUpAtTheFirstStep(definition, "call-" + UUID.randomUUID(), false);  // a real caller
        hangUpAtTheFirstStep(definition, "call-" + UUID.randomUUID(), false);  // another one

        Map<String, ActivityStatistics> callers = byId(statistics.activities(version, from, to));
        Map<String, ActivityStatistics> tests = byId(statistics.activities(version, from, to, Traffic.TESTS));
        assertThat(callers.get("call-arrived").visits()).isEqualTo(callersBefore.get("call-arrived").visits() + 2);
        assertThat(tests.get("call-arrived").visits()).isEqualTo(testsBefore.get("call-arrived").visits() + 2);
        assertThat(total(callers)).isEqualTo(total(callersBefore) + 2);
        assertThat(total(tests)).isEqualTo(total(testsBefore) + 2);
    }

    private void hangUpAtTheFirstStep(String definition, String callId, boolean staging) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("callId", callId);
        variables.put("callerNumber", "22997100100");
        variables.put("dialedNumber", "1919");
        variables.put(CallProcesses.STAGING_VARIABLE, staging);
        variables.put("language", null);
        String instance = processes.start(definition, callId, variables);
        assertThat(processes.nextStep(callId, definition)).isPresent();
        processes.abandon(instance, CallProcesses.CALLER_HUNG_UP);
    }

    private static long total(Map<String, ActivityStatistics> activities) {
        return activities.values().stream().mapToLong(ActivityStatistics::dropOuts).sum();
    }

    private static Map<String, ActivityStatistics> byId(List<ActivityStatistics> activities) {
        return activities.stream().collect(Collectors.toMap(ActivityStatistics::activityId, a -> a));
    }
}
