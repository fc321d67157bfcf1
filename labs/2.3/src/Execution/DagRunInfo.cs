namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>A DAG run as stored in dag_run: its logical date, the data interval it processes, its type
/// (scheduled, manual, backfill) and state (queued, running, success, failed).</summary>
public sealed record DagRunInfo(
    string DagId,
    string RunId,
    string RunType,
    DateTimeOffset LogicalDate,
    DateTimeOffset DataIntervalStart,
    DateTimeOffset DataIntervalEnd,
    string State,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate);
