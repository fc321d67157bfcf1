using Prometheus;

namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>The scheduler's Prometheus metrics (prometheus-net), in a registry of their own so that two schedulers in one
/// process do not mix: task durations, task failures, SLA misses and scheduler lag.</summary>
public sealed class OrchestratorMetrics
{
    public OrchestratorMetrics(CollectorRegistry? registry = null)
    {
        Registry = registry ?? Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        TaskDuration = factory.CreateHistogram("orchestrator_task_duration_seconds", "Duration of finished task tries.",
            new HistogramConfiguration { LabelNames = ["dag_id", "task_id", "state"], Buckets = Histogram.ExponentialBuckets(0.01, 4, 10) });
        TaskFailures = factory.CreateCounter("orchestrator_task_failures_total", "Task tries that failed (retried or not).",
            new CounterConfiguration { LabelNames = ["dag_id", "task_id"] });
        SlaMisses = factory.CreateCounter("orchestrator_sla_misses_total", "Tasks that missed their SLA.",
            new CounterConfiguration { LabelNames = ["dag_id", "task_id"] });
        SchedulerLag = factory.CreateGauge("orchestrator_scheduler_lag_seconds",
            "How late the newest scheduled run was created, after its data interval ended.", new GaugeConfiguration { LabelNames = ["dag_id"] });
    }

    public CollectorRegistry Registry { get; }
    public Histogram TaskDuration { get; }
    public Counter TaskFailures { get; }
    public Counter SlaMisses { get; }
    public Gauge SchedulerLag { get; }

    /// <summary>The registry in Prometheus' text exposition format, as /metrics serves it.</summary>
    public async Task<string> ExportAsync(CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(stream, cancellationToken);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
