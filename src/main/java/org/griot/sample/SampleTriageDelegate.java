package org.griot.sample;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.griot.decision.Decision;
import org.griot.decision.RuleDecisionStoppedException;
import org.griot.decision.RulesHost;
import org.springframework.stereotype.Component;

/** Service task of processes/sample-triage.bpmn: asks the rules, records the decision and why. */
@Component("sampleTriageDelegate")
class SampleTriageDelegate implements JavaDelegate {

    private final RulesHost rules;

    SampleTriageDelegate(RulesHost rules) {
        this.rules = rules;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TriageRequest request = new TriageRequest((String) execution.getVariable("callerNumber"),
                (String) execution.getVariable("segment"));
        Decision decision;
        String explanation;
        try {
            decision = rules.decide(List.of(request));
            explanation = decision.explanation();
        } catch (RuleDecisionStoppedException e) {
            // The rules were stopped (a loop): the sample's default, as the "everyone else" rule would decide.
            request = new TriageRequest(request.getCallerNumber(), request.getSegment());
            request.setPriority(5);
            request.setQueue("general");
            decision = e.decision();
            explanation = "fallback (" + e.reason() + "): " + decision.explanation();
        }
        execution.setVariable("priority", request.getPriority());
        execution.setVariable("queue", request.getQueue());
        execution.setVariable("ruleBaseVersion", decision.ruleBaseVersion());
        execution.setVariable("decisionExplanation", explanation);
    }
}
