package org.griot.routing;

import java.time.ZonedDateTime;
import java.util.List;
import org.griot.decision.Decision;
import org.griot.decision.DecisionRecorder;
import org.griot.decision.RulesHost;
import org.griot.decision.Stage;
import org.griot.telephony.TelephonyControl;
import org.springframework.stereotype.Service;

/**
 * The outage playbook at the moment a caller would queue: the queue's service mode (set by
 * supervisors), its opening hours, whether anyone is logged in on it, whether the PBX link is up,
 * go to the rules (rules/griot/routing/outage.drl), which decide what the caller hears and gets.
 * Each decision is recorded with the rules that made it.
 */
@Service
public class ServicePlaybook {

    private final Acd acd;
    private final RulesHost rules;
    private final DecisionRecorder decisions;
    private final TelephonyControl telephony;
    private final RoutingProperties properties;

    ServicePlaybook(Acd acd, RulesHost rules, DecisionRecorder decisions, TelephonyControl telephony, RoutingProperties properties) {
        this.acd = acd;
        this.rules = rules;
        this.decisions = decisions;
        this.telephony = telephony;
        this.properties = properties;
    }

    public ServiceSituation decide(String callId, String queue, boolean staging) {
        QueueSettings settings = acd.queues().stream().filter(q -> q.id().equals(queue)).findFirst().orElse(null);
        boolean open = settings == null || settings.hours().isOpen(ZonedDateTime.now(properties.zone()));
        ServiceSituation situation = new ServiceSituation(queue, acd.policy(queue).serviceMode(), open, acd.loggedIn(queue),
                telephony.isConnected(), settings == null ? null : settings.overflowQueue());
        Decision decision = rules.decide(Stage.of(staging), List.of(situation));
        if (situation.getAction() == null) {
            situation.decide("QUEUE", null); // no rule decided: queue as usual
        }
        decisions.record("call", callId, decision, "playbook: " + situation);
        return situation;
    }
}
