package org.griot.sample;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.griot.decision.Decision;
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
        Decision decision = rules.decide(List.of(request));
        execution.setVariable("priority", request.getPriority());
        execution.setVariable("queue", request.getQueue());
        execution.setVariable("ruleBaseVersion", decision.ruleBaseVersion());
        execution.setVariable("decisionExplanation", decision.explanation());
    }
}
