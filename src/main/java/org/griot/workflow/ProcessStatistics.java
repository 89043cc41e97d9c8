package org.griot.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/**
 * Where callers go and where they give up, from the process history: per activity of a process
 * version, the visits started in a period and the drop-outs — activity instances canceled because
 * the caller hung up there (the call's process deleted with {@link CallProcesses#CALLER_HUNG_UP}).
 */
@Service
public class ProcessStatistics {

    private static final int IDS_PER_QUERY = 500;

    private final HistoryService history;
    private final ProcessDiagrams diagrams;

    ProcessStatistics(HistoryService history, ProcessDiagrams diagrams) {
        this.history = history;
        this.diagrams = diagrams;
    }

    /** Every flow node of the version, with its visits and drop-outs in [from, to); most drop-outs first. */
    public List<ActivityStatistics> activities(ProcessVersion version, Instant from, Instant to) {
        Date after = Date.from(from);
        Date before = Date.from(to.minusMillis(1)); // Camunda's startedBefore is inclusive
        Map<String, Long> dropOuts = dropOuts(version, after, before);
        List<ActivityStatistics> statistics = new ArrayList<>();
        for (ProcessDiagram.FlowNode node : diagrams.diagram(version).nodes()) {
            long visits = history.createHistoricActivityInstanceQuery().processDefinitionId(version.definitionId())
                    .activityId(node.id()).startedAfter(after).startedBefore(before).count();
            statistics.add(new ActivityStatistics(node.id(), node.label(), node.type(), visits,
                    dropOuts.getOrDefault(node.id(), 0L)));
        }
        statistics.sort(Comparator.comparingLong(ActivityStatistics::dropOuts).reversed()
                .thenComparing(Comparator.comparingLong(ActivityStatistics::visits).reversed()));
        return statistics;
    }

    private Map<String, Long> dropOuts(ProcessVersion version, Date after, Date before) {
        List<HistoricActivityInstance> canceled = history.createHistoricActivityInstanceQuery()
                .processDefinitionId(version.definitionId()).canceled().startedAfter(after).startedBefore(before).list();
        Set<String> hungUp = new HashSet<>();
        List<String> processIds = canceled.stream().map(HistoricActivityInstance::getProcessInstanceId).distinct().toList();
        for (int i = 0; i < processIds.size(); i += IDS_PER_QUERY) {
            Set<String> chunk = new HashSet<>(processIds.subList(i, Math.min(processIds.size(), i + IDS_PER_QUERY)));
            for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery().processInstanceIds(chunk).list()) {
                if (CallProcesses.CALLER_HUNG_UP.equals(instance.getDeleteReason())) {
                    hungUp.add(instance.getId());
                }
            }
        }
        Map<String, Long> counts = new HashMap<>();
        for (HistoricActivityInstance activity : canceled) {
            if (hungUp.contains(activity.getProcessInstanceId())) {
                counts.merge(activity.getActivityId(), 1L, Long::sum);
            }
        }
        return counts;
    }
}
