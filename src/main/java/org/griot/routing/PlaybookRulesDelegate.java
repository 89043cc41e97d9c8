package org.griot.routing;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.griot.decision.Decision;
import org.griot.decision.DecisionRecorder;
import org.griot.decision.RuleDecisionStoppedException;
import org.griot.decision.RulesHost;
import org.griot.decision.Stage;
import org.springframework.stereotype.Component;

/**
 * The outage playbook's decision (processes/outage-playbook.bpmn): the facts of the situation go to
 * the rules (rules/griot/routing/outage.drl); the decision, with the rules that made it, is recorded
 * for the call and set on the process (action, announcement, backupQueue).
 */
@Component("outagePlaybookRules")
class PlaybookRulesDelegate implements JavaDelegate {

    private final RulesHost rules;
    private final DecisionRecorder decisions;

    PlaybookRulesDelegate(RulesHost rules, DecisionRecorder decisions) {
        this.rules = rules;
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ServiceSituation situation = new ServiceSituation(String.valueOf(execution.getVariable("queue")),
                QueuePolicy.ServiceMode.valueOf(String.valueOf(execution.getVariable("mode"))),
                Boolean.TRUE.equals(execution.getVariable("open")), ((Number) execution.getVariable("agentsLoggedIn")).intValue(),
                Boolean.TRUE.equals(execution.getVariable("pbxUp")), (String) execution.getVariable("backupQueue"),
                !Boolean.FALSE.equals(execution.getVariable("backendUp")));
        Decision decision;
        String fallback = "";
        try {
            decision = rules.decide(Stage.of(Boolean.TRUE.equals(execution.getVariable("staging"))), List.of(situation));
        } catch (RuleDecisionStoppedException e) {
            // The rules were stopped (a loop): whatever they half-decided is dropped, the caller queues as usual.
            situation = new ServiceSituation(situation.getQueue(), QueuePolicy.ServiceMode.valueOf(situation.getMode()),
                    situation.isOpen(), situation.getAgentsLoggedIn(), situation.isPbxUp(), situation.getBackupQueue(),
                    situation.isBackendUp());
            decision = e.decision();
            fallback = "fallback (" + e.reason() + "): ";
        }
        if (situation.getAction() == null) {
            situation.decide("QUEUE", null); // no rule decided: queue as usual
        }
        decisions.record("call", String.valueOf(execution.getVariable("callId")), decision, fallback + "playbook: " + situation);
        execution.setVariable("action", situation.getAction().name());
        execution.setVariable("announcement", situation.getAnnouncement());
        execution.setVariable("explanation", decision.explanation());
    }
}
