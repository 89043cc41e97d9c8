package org.griot.workflow;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * Work that waits for a person: the Camunda user tasks of every process (callbacks, messages,
 * continuity actions…), assigned to an agent or offered to the groups (queues, teams) they belong to.
 */
@Service
public class WorkTasks {

    /** A user task as the agent's task list shows it. */
    public record WorkTask(String id, String name, String processKey, String assignee, Instant created,
            Instant due, int priority) {
    }

    private final TaskService tasks;

    WorkTasks(TaskService tasks) {
        this.tasks = tasks;
    }

    /** Tasks assigned to {@code userId} or offered to one of {@code groups} and not yet claimed, most urgent first. */
    public List<WorkTask> openFor(String userId, Collection<String> groups, int max) {
        var query = tasks.createTaskQuery().or().taskAssignee(userId);
        if (!groups.isEmpty()) {
            query = query.taskCandidateGroupIn(List.copyOf(groups));
        }
        return query.endOr().active().orderByTaskPriority().desc().orderByTaskCreateTime().asc().listPage(0, max).stream()
                .map(WorkTasks::view).toList();
    }

    private static WorkTask view(Task task) {
        String key = task.getProcessDefinitionId() == null ? null : task.getProcessDefinitionId().split(":")[0];
        return new WorkTask(task.getId(), task.getName(), key, task.getAssignee(),
                task.getCreateTime() == null ? null : task.getCreateTime().toInstant(),
                task.getDueDate() == null ? null : task.getDueDate().toInstant(), task.getPriority());
    }
}
