using StatelessMind.Dataflow.MapReduce;

namespace StatelessMind.Labs.Scalability.Horizontal;

/// <summary>One run of the word count job in one mode: what it produced, how long it took, and what the monitor saw
/// of every worker process.</summary>
public sealed record ModeRun(ScalingMode Mode, int N, long Words, TimeSpan Elapsed, IReadOnlyList<string> Output,
    IReadOnlyList<int> WorkerPids, IReadOnlyList<ProcSample> Samples, CoordinatorReport Report);
