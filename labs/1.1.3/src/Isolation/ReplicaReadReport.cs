using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>The outcome of one run of <see cref="ReplicaReadProbe"/> under one synchronous_commit setting.</summary>
/// <param name="SynchronousCommit">The primary's synchronous_commit for the writes (local or remote_apply).</param>
/// <param name="AsyncVisibleAfter">For writes the async replica did not show at once: how long until it did (convergence).</param>
/// <param name="CommitLatency">Latency of the acknowledged writes.</param>
public sealed record ReplicaReadReport(string SynchronousCommit, int Writes, IReadOnlyList<TargetReadCounts> Targets,
    LatencySummary AsyncVisibleAfter, LatencySummary CommitLatency)
{
    public TargetReadCounts For(ReadTarget target) => Targets.Single(t => t.Target == target);
}
