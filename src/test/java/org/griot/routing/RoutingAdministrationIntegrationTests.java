package org.griot.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.griot.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Supervisors and administrators set up queues and agents on screens; every change is audited; agents cannot. */
class RoutingAdministrationIntegrationTests extends IntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Acd acd;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aSupervisorCreatesAQueueWithItsDispositionsAndAnAgentWhoServesIt() throws Exception {
        mvc.perform(post("/routing/queues").with(user("sup1").roles("SUPERVISOR")).with(csrf())
                        .param("id", "roaming").param("name", "Itinérance").param("slPercent", "85").param("slSeconds", "30")
                        .param("wrapUpSeconds", "20").param("ringSeconds", "12").param("maxWaitSeconds", "300")
                        .param("overflowQueue", "general").param("businessHours", "Mon-Fri 08:00-18:00; Sat 09:00-12:00")
                        .param("announceSeconds", "45").param("skillLevel", "3").param("relaxAfterSeconds", "60")
                        .param("relaxedLevel", "2").param("dispositions", "ROAM-ON;Itinérance activée\nROAM-COST;Coût expliqué"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/routing/queues"))
                .andExpect(flash().attribute("saved", "roaming"));
        mvc.perform(post("/routing/agents").with(user("sup1").roles("SUPERVISOR")).with(csrf())
                        .param("id", "ama").param("displayName", "Ama Kpossou").param("team", "cotonou-a")
                        .param("skills", "language:fr=5, language:en=2").param("queues", "roaming", "general"))
                .andExpect(flash().attribute("saved", "ama"));

        QueueSettings roaming = acd.queues().stream().filter(q -> q.id().equals("roaming")).findFirst().orElseThrow();
        assertThat(roaming.overflowQueue()).isEqualTo("general");
        assertThat(roaming.hours().toString()).isEqualTo("Mon-Fri 08:00-18:00; Sat 09:00-12:00");
        assertThat(acd.dispositions("roaming")).extracting(Disposition::code).containsExactly("ROAM-COST", "ROAM-ON");
        AgentView ama = acd.agent("ama").orElseThrow();
        assertThat(ama.skills()).containsEntry("language:fr", 5).containsEntry("language:en", 2);
        assertThat(ama.queues()).containsExactlyInAnyOrder("roaming", "general");
        assertThat(ama.state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(jdbc.sql("select action from audit_event where actor = 'sup1'").query(String.class).list())
                .contains(RoutingAdministration.QUEUE_SAVED, RoutingAdministration.DISPOSITIONS_SAVED,
                        RoutingAdministration.AGENT_SAVED);
        mvc.perform(get("/routing/queues").with(user("sup1").roles("SUPERVISOR")))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("Itinérance")))
                .andExpect(content().string(Matchers.containsString("85 % en 30 s")));
    }

    @Test
    void badSettingsAreRefusedWithTheReasonAndChangeNothing() throws Exception {
        QueueSettings before = acd.queues().stream().filter(q -> q.id().equals("general")).findFirst().orElseThrow();

        mvc.perform(post("/routing/queues").with(user("sup2").roles("SUPERVISOR")).with(csrf())
                        .param("id", "general").param("name", "Service client 1919").param("slPercent", "80").param("slSeconds", "20")
                        .param("wrapUpSeconds", "30").param("ringSeconds", "15").param("maxWaitSeconds", "600")
                        .param("businessHours", "Lundi 8h-20h").param("announceSeconds", "60").param("skillLevel", "3")
                        .param("relaxAfterSeconds", "60").param("relaxedLevel", "1"))
                .andExpect(redirectedUrl("/routing/queues/general"))
                .andExpect(flash().attribute("problem", Matchers.containsString("Business hours 'Lundi 8h-20h'")));
        mvc.perform(post("/routing/agents").with(user("sup2").roles("SUPERVISOR")).with(csrf())
                        .param("id", "bad-skills").param("displayName", "X").param("skills", "language:fr=9"))
                .andExpect(flash().attribute("problem", Matchers.containsString("level is a number from 1 to 5")));

        assertThat(acd.queues().stream().filter(q -> q.id().equals("general")).findFirst().orElseThrow()).isEqualTo(before);
        assertThat(acd.agent("bad-skills")).isEmpty();
    }

    @Test
    void agentsCannotAdministerQueuesAndOthersCannotUseTheDesk() throws Exception {
        mvc.perform(get("/routing/queues").with(user("a1").roles("AGENT"))).andExpect(status().isForbidden());
        mvc.perform(get("/desk").with(user("aud").roles("AUDITOR"))).andExpect(status().isForbidden());
        mvc.perform(get("/desk").with(user("nobody-here").roles("AGENT"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("pas de profil d’agent")));
    }
}
