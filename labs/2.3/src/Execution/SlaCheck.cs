using StatelessMind.Labs.Orchestration.Dags;

namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>Which tasks of a run have missed their SLA.</summary>
public static class SlaCheck
{
    /// <summary>The tasks with an SLA that have not succeeded (nor been skipped) although <c>data_interval_end + sla</c>
    /// has passed, or that succeeded after it.</summary>
    public static IReadOnlyList<string> Missed(Dag dag, DagRunInfo run, IReadOnlyList<TaskInstanceInfo> instances, DateTimeOffset now)
    {
        var missed = new List<string>();
        #region Exercise 2.3-2c: the tasks whose SLA deadline (end of the data interval plus the SLA) passed before they succeeded (tests: SlaTests)
        foreach (var task in dag.Tasks)
        {
            if (task.Options.Sla is not { } sla) continue;
            var deadline = run.DataIntervalEnd + sla;
            var mine = instances.Where(t => t.Key.TaskId == task.TaskId).ToList();
            if (mine.Count == 0 || mine.Any(t => t.State == TaskState.Skipped)) continue;
            var finishedInTime = mine.All(t => t.State == TaskState.Success && t.EndDate <= deadline);
            var stillInTime = now <= deadline;
            if (!finishedInTime && !stillInTime) missed.Add(task.TaskId);
        }
        #endregion
        return missed;
    }
}
