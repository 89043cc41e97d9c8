package org.griot.ivr;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.griot.decision.Decision;
import org.griot.decision.DecisionRecorder;
import org.griot.decision.RuleDecisionStoppedException;
import org.griot.decision.RulesHost;
import org.griot.decision.Stage;
import org.griot.workflow.ActivityProperties;
import org.springframework.stereotype.Component;

/**
 * "Route to agent" step: the routing rules decide the queue, priority and skills from what Griot knows
 * of the caller (segment, VIP list, language, menu choice, channel last used); the decision and the
 * rules that made it are recorded and kept on the call's process for auditors. A staging call (test
 * line, simulator) decides with the staging rule base, every other call with production.
 */
@Component("ivrRouteToAgent")
class RouteToAgentDelegate implements JavaDelegate {

    /** Where a caller goes when the routing rules were stopped (ADR 0012): the queue and priority of "everyone else". */
    static final String FALLBACK_QUEUE = "general";
    static final int FALLBACK_PRIORITY = 5;

    private final RulesHost rules;
    private final DecisionRecorder decisions;
    private final CallerMemory memory;

    RouteToAgentDelegate(RulesHost rules, DecisionRecorder decisions, CallerMemory memory) {
        this.rules = rules;
        this.decisions = decisions;
        this.memory = memory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        RoutingRequest request = decide(execution);
        execution.setVariable("routingQueue", request.getQueue());
        execution.setVariable("routingPriority", request.getPriority());
        execution.setVariable("routingSkills", String.join(",", request.getSkills()));
    }

    /** The routing rules' decision for this call (recorded, and kept on the process as its explanation). */
    RoutingRequest decide(DelegateExecution execution) {
        String caller = text(execution, "callerNumber");
        RoutingRequest request = new RoutingRequest(caller, text(execution, "language"),
                caller == null ? null : memory.segment(caller).orElse(null), text(execution, "choice"),
                caller == null ? null : memory.lastAgentChannel(caller).orElse(null),
                reason(execution));
        // Test lines and the simulator try the staging rules; real callers get the released ones.
        Decision decision;
        String fallback = "";
        try {
            decision = rules.decide(Stage.of(Boolean.TRUE.equals(execution.getVariable("staging"))), List.of(request));
        } catch (RuleDecisionStoppedException e) {
            // A rule loop is the rules' problem, not the caller's: a fresh request, to the general queue.
            request = new RoutingRequest(request.getCallerNumber(), request.getLanguage(), request.getSegment(),
                    request.getMenuChoice(), request.getPreferredChannel(), request.getReason());
            request.setQueue(FALLBACK_QUEUE);
            request.setPriority(FALLBACK_PRIORITY);
            decision = e.decision();
            fallback = "fallback (" + e.reason() + "): ";
        }
        String outcome = fallback + "queue=" + request.getQueue() + ", priority=" + request.getPriority() + ", skills="
                + request.getSkills();
        decisions.record("call", text(execution, "callId") == null ? execution.getProcessInstanceId() : text(execution, "callId"),
                decision, outcome);
        execution.setVariable("routingExplanation", decision.explanation());
        execution.setVariable("routingRuleBaseVersion", decision.ruleBaseVersion());
        execution.setVariable("routingRuleBaseStage", decision.stage().name());
        return request;
    }

    /**
     * Why the caller reaches an agent: the task's own routingReason property, else the one set by the
     * step that sent them (apology, identity failure), else the menu.
     */
    private static String reason(DelegateExecution execution) {
        String configured = ActivityProperties.of(execution).get("routingReason");
        if (configured != null) {
            return configured;
        }
        if (text(execution, "routingReason") != null) {
            return text(execution, "routingReason");
        }
        return Boolean.TRUE.equals(execution.getVariable("menuFailed")) ? "menu-failed" : "choice";
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
