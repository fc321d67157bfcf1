using System.Text.Json;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Lifecycle.DbtJob;

/// <summary>One run of the dbt job as recorded by the orchestrator: the run's state, each task's outcome, every state
/// change in order (task_event), the alerts the webhook received, the published test results, the sensor's pokes, and
/// the breaches of the job's required order.</summary>
public sealed record DbtJobDay(
    string RunId,
    string State,
    IReadOnlyDictionary<string, TaskOutcome> Tasks,
    IReadOnlyList<TaskEvent> Events,
    IReadOnlyList<JsonElement> Alerts,
    TestResultSummary? Published,
    int Pokes,
    IReadOnlyList<string> OrderViolations)
{
    /// <summary>The alerts of one event ("failure", "retry") for one task.</summary>
    public IReadOnlyList<JsonElement> AlertsOf(string evt, string taskId) =>
        [.. Alerts.Where(a => a.GetProperty("event").GetString() == evt && a.GetProperty("task_id").GetString() == taskId)];

    /// <summary>Whether any dbt task started in this run.</summary>
    public bool DbtRan => Events.Any(e => e.To == TaskState.Running && e.Key.TaskId is DbtJobDag.Seed or DbtJobDag.Snapshot or DbtJobDag.Build);
}
