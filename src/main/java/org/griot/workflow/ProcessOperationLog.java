package org.griot.workflow;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.griot.audit.OperationLogSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Camunda's user-operation log (who deployed, cancelled, modified...) for the auditors' joined view. */
@Service
class ProcessOperationLog implements OperationLogSource {

    private final HistoryService history;

    ProcessOperationLog(HistoryService history) {
        this.history = history;
    }

    @Override
    public String name() {
        return "camunda";
    }

    @Override
    @PreAuthorize("hasRole('AUDITOR')")
    public List<Operation> latest(int limit) {
        return history.createUserOperationLogQuery().orderByTimestamp().desc().listPage(0, Math.max(1, Math.min(limit, 1000)))
                .stream()
                .map(e -> new Operation(e.getTimestamp().toInstant(), e.getUserId(), e.getOperationType(), e.getEntityType(),
                        e.getProcessDefinitionKey() != null ? e.getProcessDefinitionKey()
                                : e.getProcessInstanceId() != null ? e.getProcessInstanceId() : e.getDeploymentId(),
                        e.getProperty(), e.getOrgValue(), e.getNewValue()))
                .toList();
    }
}
