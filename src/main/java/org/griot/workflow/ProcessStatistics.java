package org.griot.workflow;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Where callers go and where they give up, from the process history: per activity of a process
 * version, the visits started in a period and the drop-outs — activity instances canceled because
 * the caller hung up there (the call's process deleted with {@link CallProcesses#CALLER_HUNG_UP}).
 *
 * <p>Real callers and test traffic are counted apart: a call whose process has the variable
 * {@value CallProcesses#STAGING_VARIABLE} true (test line, staging endpoint, staging simulator call)
 * or whose business key starts with {@value CallProcesses#SIMULATED_BUSINESS_KEY_PREFIX} (browser
 * simulator, simulated PBX) is {@link Traffic#TESTS}; every other call is {@link Traffic#CALLERS}.
 * One grouped query over Camunda's history tables per map, not one count per activity.
 */
@Service
public class ProcessStatistics {

    /** Whose calls are counted. */
    public enum Traffic { CALLERS, TESTS }

    private static final String TEST_CALL = """
            (coalesce(p.BUSINESS_KEY_, '') like :simulated
             or exists (select 1 from ACT_HI_VARINST v where v.PROC_INST_ID_ = a.PROC_INST_ID_
                        and v.NAME_ = :stagingVariable and v.VAR_TYPE_ = 'boolean' and v.LONG_ = 1))""";

    private final JdbcClient jdbc;
    private final ProcessDiagrams diagrams;

    ProcessStatistics(JdbcClient jdbc, ProcessDiagrams diagrams) {
        this.jdbc = jdbc;
        this.diagrams = diagrams;
    }

    /** Real callers' visits and drop-outs per flow node of the version in [from, to); most drop-outs first. */
    public List<ActivityStatistics> activities(ProcessVersion version, Instant from, Instant to) {
        return activities(version, from, to, Traffic.CALLERS);
    }

    /** Every flow node of the version, with its visits and drop-outs in [from, to) by this traffic; most drop-outs first. */
    public List<ActivityStatistics> activities(ProcessVersion version, Instant from, Instant to, Traffic traffic) {
        Map<String, long[]> counts = new HashMap<>();
        jdbc.sql("""
                select a.ACT_ID_, count(*),
                       sum(case when a.ACT_INST_STATE_ = 2 and p.DELETE_REASON_ = :hungUp then 1 else 0 end)
                from ACT_HI_ACTINST a join ACT_HI_PROCINST p on p.PROC_INST_ID_ = a.PROC_INST_ID_
                where a.PROC_DEF_ID_ = :definition and a.START_TIME_ >= :from and a.START_TIME_ < :to
                """ + (traffic == Traffic.TESTS ? " and " : " and not ") + TEST_CALL + " group by a.ACT_ID_")
                .param("hungUp", CallProcesses.CALLER_HUNG_UP)
                .param("definition", version.definitionId())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("simulated", CallProcesses.SIMULATED_BUSINESS_KEY_PREFIX + "%")
                .param("stagingVariable", CallProcesses.STAGING_VARIABLE)
                .query(rs -> {
                    counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        List<ActivityStatistics> statistics = new ArrayList<>();
        for (ProcessDiagram.FlowNode node : diagrams.diagram(version).nodes()) {
            long[] count = counts.getOrDefault(node.id(), new long[2]);
            statistics.add(new ActivityStatistics(node.id(), node.label(), node.type(), count[0], count[1]));
        }
        statistics.sort(Comparator.comparingLong(ActivityStatistics::dropOuts).reversed()
                .thenComparing(Comparator.comparingLong(ActivityStatistics::visits).reversed()));
        return statistics;
    }
}
