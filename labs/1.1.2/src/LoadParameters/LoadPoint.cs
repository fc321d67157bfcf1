using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Metrics;

namespace StatelessMind.Labs.Scalability.LoadParameters;

/// <summary>One measured point of the load sweep: input size and parallelism, the job's latency and throughput, and
/// its map tasks' latency percentiles.</summary>
public sealed record LoadPoint(long InputBytes, int Parallelism, long Records, double JobSeconds, double RecordsPerSecond,
    double TaskP50Ms, double TaskP95Ms, double TaskP99Ms, int Tasks, bool Correct)
{
    /// <summary>The point from a job's stage reports: throughput is input records over job latency; task percentiles
    /// are over every task of every stage (nearest rank).</summary>
    public static LoadPoint From(long inputBytes, int parallelism, long records, TimeSpan job, IReadOnlyList<StageReport> stages, bool correct)
    {
        ArgumentNullException.ThrowIfNull(stages);
        #region Exercise 1.1.2-1c: throughput, and the p50/p95/p99 of the task times over all stages (tests: LoadPointTests)
        var tasks = stages.SelectMany(s => s.TaskMilliseconds).Order().ToArray();
        double Percentile(double p) => tasks.Length == 0 ? 0 : tasks[Math.Clamp((int)Math.Ceiling(p / 100 * tasks.Length) - 1, 0, tasks.Length - 1)];
        return new LoadPoint(inputBytes, parallelism, records, job.TotalSeconds, records / job.TotalSeconds,
            Percentile(50), Percentile(95), Percentile(99), tasks.Length, correct);
        #endregion
    }
}
