package org.griot.decision;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps each decision a feature takes through the rules: about what, by which rules, which version, what. */
@Component
public class DecisionRecorder {

    private final JdbcClient jdbc;
    private final Clock clock;

    DecisionRecorder(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String subjectType, String subjectId, Decision decision, String outcome) {
        jdbc.sql("""
                insert into decision_record (decided_at, subject_type, subject_id, rule_base_version, stage, fired_rules, outcome)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), subjectType, subjectId, decision.ruleBaseVersion(), decision.stage().name(),
                        decision.firedRules().stream().map(FiredRule::toString).collect(Collectors.joining("\n")), outcome)
                .update();
    }

    /** Recorded decisions about one subject, newest first: "rule-base v3 [rules]: outcome" ("v3 (staging)" on staging). */
    public List<String> explanations(String subjectType, String subjectId) {
        return jdbc.sql("""
                select rule_base_version, fired_rules, outcome, stage from decision_record
                where subject_type = ? and subject_id = ? order by id desc""")
                .params(subjectType, subjectId)
                .query((rs, i) -> "rule-base v" + rs.getLong(1) + (Stage.STAGING.name().equals(rs.getString(4)) ? " (staging)" : "")
                        + " [" + rs.getString(2).replace('\n', ',') + "]: "
                        + rs.getString(3))
                .list();
    }
}
