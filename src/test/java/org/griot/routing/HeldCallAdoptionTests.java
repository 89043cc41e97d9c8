package org.griot.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.griot.telephony.CallId;
import org.griot.telephony.TelephonyEvent.HeldCall;
import org.junit.jupiter.api.Test;

class HeldCallAdoptionTests {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static HeldCall held(String uniqueId, String queue, Integer priority, Instant queuedAt, Instant created) {
        return new HeldCall(new CallId(uniqueId), "22990000000", created, queue, priority, queuedAt, "fr", List.of("language:fr"));
    }

    @Test
    void callersWithoutAContactGetOneInOrderOfArrivalOthersAreLeftAlone() {
        List<HeldCall> held = List.of(
                held("1700000000.12", "general", 5, T0.plusMillis(300), T0),
                held("1700000000.9", "general", 5, T0.plusMillis(100), T0),
                held("1700000000.10", "general", 5, T0.plusMillis(200), T0),
                held("1700000000.11", "general", 5, T0.plusMillis(50), T0));
        Map<String, String> outcomes = Map.of("1700000000.10", "ANSWERED");

        var plan = HeldCallAdoption.plan(held, Set.of("1700000000.11"), id -> Optional.ofNullable(outcomes.get(id)),
                Set.of("general"), "general");

        // .11 has an open contact, .10 was answered before: neither is served again.
        assertThat(plan).extracting(a -> a.call().call().value()).containsExactly("1700000000.9", "1700000000.12");
        assertThat(plan).allSatisfy(a -> assertThat(a.reason()).isEqualTo("re-adopted"));
    }

    @Test
    void aCallWhoseContactWasClosedAsAbandonedWhileThePbxKeptItIsAdoptedAgain() {
        var plan = HeldCallAdoption.plan(List.of(held("1.1", "general", 3, T0, T0)), Set.of(), id -> Optional.of("ABANDONED"),
                Set.of("general"), "general");

        assertThat(plan).singleElement().satisfies(a -> {
            assertThat(a.queue()).isEqualTo("general");
            assertThat(a.priority()).isEqualTo(3);
        });
    }

    @Test
    void withoutQueuedAtTheChannelAgeAndThenTheUniqueIdSequenceGiveTheOrder() {
        List<HeldCall> held = List.of(
                held("1700000000.10", null, null, null, T0.plusSeconds(1)),
                held("1700000000.9", null, null, null, T0.plusSeconds(1)),
                held("1700000000.20", null, null, null, T0));

        var plan = HeldCallAdoption.plan(held, Set.of(), id -> Optional.empty(), Set.of("general"), "general");

        assertThat(plan).extracting(a -> a.call().call().value()).containsExactly("1700000000.20", "1700000000.9", "1700000000.10");
        assertThat(plan).allSatisfy(a -> {
            assertThat(a.queue()).isEqualTo("general");
            assertThat(a.priority()).isEqualTo(5);
            assertThat(a.reason()).isEqualTo("re-adopted:no-queue");
        });
    }

    @Test
    void hostileCallDataNeitherPicksAQueueThatDoesNotExistNorAnImpossiblePriority() {
        var plan = HeldCallAdoption.plan(List.of(held("1.1", "x'); drop table contact; --", 0, T0, T0),
                held("1.2", "vip", 99, T0.plusMillis(1), T0)), Set.of(), id -> Optional.empty(), Set.of("general", "vip"),
                "general");

        assertThat(plan).extracting(HeldCallAdoption.Adopted::queue).containsExactly("general", "vip");
        assertThat(plan).extracting(HeldCallAdoption.Adopted::priority).containsExactly(5, 5);
        assertThat(plan.get(0).reason()).startsWith("re-adopted:unknown-queue:").hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void hostileCallerIdAndCallDataAreLeftOutRatherThanStored() {
        HeldCall hostile = new HeldCall(new CallId("1.1"), "<script>alert(1)</script>", T0, "general", 5, T0,
                "fr'; --", List.of("language:fr", "x".repeat(300), "a,b", "billing"));

        var adopted = HeldCallAdoption.plan(List.of(hostile), Set.of(), id -> Optional.empty(), Set.of("general"), "general")
                .get(0);

        assertThat(adopted.callerNumber()).isNull();
        assertThat(adopted.language()).isNull();
        assertThat(adopted.skills()).containsExactly("language:fr", "billing");
    }
}
