using StatelessMind.Labs.Orchestration.Alerts;

namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>A scheduler's clock, log folder, alert sink, metrics, XCom limit, identity and planted bug.</summary>
public sealed record SchedulerOptions
{
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The root of the log tree (one file per task try).</summary>
    public string LogDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "orchestration-logs");

    public IAlertSink? Alerts { get; init; }
    public OrchestratorMetrics? Metrics { get; init; }
    public int XComMaxBytes { get; init; } = XComs.XComStore.DefaultMaxBytes;
    public string SchedulerId { get; init; } = "scheduler-" + Guid.NewGuid().ToString("N")[..8];
    public OrchestrationBug Bug { get; init; } = OrchestrationBug.None;
}
