using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>Checks a run's recorded state changes against an order its tasks must keep: every start of a task must come
/// after the task before it in the order has finished (task_event ids order the changes; clock times may tie).</summary>
public static class TaskOrderAudit
{
    public static IReadOnlyList<string> Violations(IReadOnlyList<string> order, IReadOnlyList<TaskEvent> events)
    {
        var violations = new List<string>();
        for (var i = 1; i < order.Count; i++)
        {
            var (before, after) = (order[i - 1], order[i]);
            var finished = events.Where(e => e.Key.TaskId == before && TaskStates.IsFinished(e.To)).Select(e => e.Id).DefaultIfEmpty(long.MaxValue).Min();
            foreach (var start in events.Where(e => e.Key.TaskId == after && e.To == TaskState.Running && e.Id < finished))
                violations.Add($"{after} started (event {start.Id}, try {start.TryNumber}) before {before} had finished" +
                               (finished == long.MaxValue ? " (it never did)" : $" (event {finished})"));
        }
        return violations;
    }
}
