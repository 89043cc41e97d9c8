package org.griot.decision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import org.kie.api.KieBase;
import org.kie.api.builder.ReleaseId;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

/** A built, immutable rule base: the Drools container plus the exact sources it came from. */
record CompiledRuleBase(long version, String checksum, SortedMap<String, String> sources, ReleaseId releaseId,
        KieContainer container, KieBase kieBase, List<String> ruleNames) {

    /** A decision firing more rules than this is a rule loop, not a decision. */
    static final int MAX_FIRINGS_PER_DECISION = 10_000;

    CompiledRuleBase withVersion(long newVersion) {
        return new CompiledRuleBase(newVersion, checksum, sources, releaseId, container, kieBase, ruleNames);
    }

    /** Runs the rules over the facts in a fresh session, recording each rule that fires. */
    Decision decide(String agendaGroup, Collection<?> facts) {
        List<FiredRule> fired = new ArrayList<>();
        KieSession session = kieBase.newKieSession();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(new FiredRule(event.getMatch().getRule().getPackageName(), event.getMatch().getRule().getName()));
                }
            });
            facts.forEach(session::insert);
            if (agendaGroup != null) {
                session.getAgenda().getAgendaGroup(agendaGroup).setFocus();
            }
            int firings = session.fireAllRules(MAX_FIRINGS_PER_DECISION);
            if (firings >= MAX_FIRINGS_PER_DECISION) {
                throw new IllegalStateException("Rule loop: " + firings + " firings in one decision (rule-base v" + version
                        + ", last rule " + fired.get(fired.size() - 1) + ")");
            }
        } finally {
            session.dispose();
        }
        return new Decision(version, checksum, fired);
    }
}
