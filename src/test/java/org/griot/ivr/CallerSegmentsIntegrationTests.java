package org.griot.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.griot.IntegrationTest;
import org.griot.decision.RulesHost;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

class CallerSegmentsIntegrationTests extends IntegrationTest {

    @Autowired
    CallerSegments segments;

    @Autowired
    CallerMemory memory;

    @Autowired
    RulesHost rules;

    @Test
    @WithMockUser(username = "boss", roles = "ADMIN")
    void anImportedSegmentReachesTheRoutingRules() {
        int imported = segments.importCsv("""
                caller_number,segment
                22997123401,GOLD
                +22997123402 , vip
                """);

        assertThat(imported).isEqualTo(2);
        assertThat(memory.segment("22997123402")).contains("VIP");
        RoutingRequest gold = new RoutingRequest("22997123401", "fr", memory.segment("22997123401").orElse(null), "3", null,
                "choice");
        rules.decide(List.of(gold));
        assertThat(gold.getQueue()).isEqualTo("general");
        assertThat(gold.getPriority()).isEqualTo(3);
    }

    @Test
    @WithMockUser(username = "boss", roles = "ADMIN")
    void aFileWithABadLineImportsNothingAndNamesTheLine() {
        assertThatThrownBy(() -> segments.importCsv("""
                22997123411,GOLD
                not-a-number,VIP
                22997123412,vip platinum
                """))
                .isInstanceOfSatisfying(CallerSegments.ImportRefusedException.class, e -> assertThat(e.problems())
                        .containsExactly("line 2: 'not-a-number' is not a phone number",
                                "line 3: 'vip platinum' is not a segment name (letters, digits, _)"));
        assertThat(memory.segment("22997123411")).isEmpty();
    }
}
