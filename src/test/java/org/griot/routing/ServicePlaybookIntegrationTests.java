package org.griot.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.griot.IntegrationTest;
import org.griot.decision.DecisionRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The outage playbook's rules: service mode, opening hours, nobody logged in, back-up queue; each decision recorded. */
@WithMockUser(username = "playbook-tests", roles = "SUPERVISOR")
class ServicePlaybookIntegrationTests extends IntegrationTest {

    @Autowired
    ServicePlaybook playbook;

    @Autowired
    RoutingAdministration administration;

    @Autowired
    Acd acd;

    @Autowired
    DecisionRecorder decisions;

    @Test
    void aStaffedOpenQueueInNormalModeQueuesTheCaller() {
        ServiceSituation situation = playbook.decide("pb-call-1", "general", false);

        assertThat(situation.getAction()).isEqualTo(ServiceSituation.Action.QUEUE);
        assertThat(situation.getAnnouncement()).isNull();
    }

    @Test
    void supervisorsSwitchAQueueToEmergencyOrCallbackOnlyAndBack() {
        try {
            administration.switchMode("general", QueuePolicy.ServiceMode.EMERGENCY);
            ServiceSituation emergency = playbook.decide("pb-call-2", "general", false);
            administration.switchMode("general", QueuePolicy.ServiceMode.CALLBACK_ONLY);
            ServiceSituation callbackOnly = playbook.decide("pb-call-3", "general", false);

            assertThat(emergency.getAction()).isEqualTo(ServiceSituation.Action.OFFER_CALLBACK);
            assertThat(emergency.getAnnouncement()).isEqualTo("emergency-message");
            assertThat(callbackOnly.getAnnouncement()).isEqualTo("all-agents-busy");
            assertThat(decisions.explanations("call", "pb-call-2")).singleElement().asString()
                    .contains("Emergency mode: the emergency message, then a callback or a message");
        } finally {
            administration.switchMode("general", QueuePolicy.ServiceMode.NORMAL);
        }
        assertThat(playbook.decide("pb-call-4", "general", false).getAction()).isEqualTo(ServiceSituation.Action.QUEUE);
    }

    @Test
    void outsideOpeningHoursCallersHearTheHoursAndAreOfferedACallback() {
        administration.saveQueue(new QueueSettings("pb-closed", "Fermée", 80, 20, 30, 15, 0, null, closedNow(), 0, 1, 0, 1));

        ServiceSituation situation = playbook.decide("pb-call-5", "pb-closed", false);

        assertThat(situation.getAction()).isEqualTo(ServiceSituation.Action.OFFER_CALLBACK);
        assertThat(situation.getAnnouncement()).isEqualTo("closed-hours");
    }

    @Test
    void aQueueNobodyIsLoggedInOnSendsCallersToItsBackUpOrOffersACallback() {
        administration.saveQueue(new QueueSettings("pb-backed", "Avec secours", 80, 20, 30, 15, 0, "general", null, 0, 1, 0, 1));
        administration.saveQueue(new QueueSettings("pb-alone", "Sans secours", 80, 20, 30, 15, 0, null, null, 0, 1, 0, 1));

        ServiceSituation backed = playbook.decide("pb-call-6", "pb-backed", false);
        ServiceSituation alone = playbook.decide("pb-call-7", "pb-alone", false);

        assertThat(backed.getAction()).isEqualTo(ServiceSituation.Action.BACKUP_QUEUE);
        assertThat(backed.getBackupQueue()).isEqualTo("general");
        assertThat(alone.getAction()).isEqualTo(ServiceSituation.Action.OFFER_CALLBACK);
        assertThat(alone.getAnnouncement()).isEqualTo("all-agents-busy");
        assertThat(acd.loggedIn("pb-alone")).isZero();
    }

    @Test
    void whenTheOperatorsSystemsAreDownCallersAreToldThenQueue() {
        ServiceSituation situation = playbook.decide("pb-call-8", "general", false, false);

        assertThat(situation.getAction()).isEqualTo(ServiceSituation.Action.QUEUE);
        assertThat(situation.getAnnouncement()).isEqualTo("systems-degraded");
        assertThat(decisions.explanations("call", "pb-call-8")).singleElement().asString()
                .contains("Operator systems down");
    }

    private static String closedNow() {
        var now = java.time.ZonedDateTime.now(java.time.ZoneId.of("Africa/Porto-Novo"));
        String day = now.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
        return now.getHour() < 12 ? day + " 12:00-24:00" : day + " 00:00-11:00";
    }
}
