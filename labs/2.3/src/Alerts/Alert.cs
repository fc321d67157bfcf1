namespace StatelessMind.Labs.Orchestration.Alerts;

/// <summary>What an alerting callback receives: <see cref="Event"/> is "failure", "retry" or "sla_miss".</summary>
public sealed record Alert(
    string Event,
    string DagId,
    string RunId,
    string TaskId,
    int MapIndex,
    int TryNumber,
    DateTimeOffset LogicalDate,
    DateTimeOffset At,
    string Message);
