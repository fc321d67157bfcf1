using System.Diagnostics;
using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.DatabaseTheory.AcidBase;

/// <summary>
/// The same workload for every <see cref="IReplicatedStore"/>: (1) healthy — acknowledged writes, each
/// read back from the replica at once (stale reads, and how long until the replica converges); (2) the
/// replication link is cut and writes go on at a steady pace (which are acknowledged?); (3) the primary
/// is killed and the replica promoted on its side of the cut: which acknowledged writes survived?
/// </summary>
public static class ReplicationWorkload
{
    public static async Task<ReplicationOutcome> RunAsync(IReplicatedStore store, ReplicationWorkloadOptions options, CancellationToken ct = default)
    {
        var written = new WrittenKeys();
        var healthy = await RunHealthyPhaseAsync(store, options, written, ct);
        var partition = await RunPartitionAndFailoverAsync(store, options, written, ct);
        return new ReplicationOutcome(store.Name, options.HealthyWrites, healthy.Acked, healthy.Stale, healthy.WriteLatency, healthy.VisibleAfter,
            partition.Attempts, partition.Acked, partition.AckedLost, partition.UnacknowledgedApplied, partition.FailoverTime);
    }

    /// <summary>
    /// <see cref="ReplicationWorkloadOptions.HealthyWrites"/> writes of <c>healthy:i = i</c>, each with a 5 s timeout: an
    /// acknowledged one goes into <see cref="WrittenKeys.Acked"/> with its latency, then is read back from the replica at once;
    /// a read that misses it counts as stale, and the time until the replica shows it is measured
    /// (<see cref="TimeUntilReplicaShowsAsync"/>). A write not acknowledged goes into <see cref="WrittenKeys.Unacked"/>.
    /// </summary>
    internal static async Task<HealthyPhase> RunHealthyPhaseAsync(IReplicatedStore store, ReplicationWorkloadOptions options, WrittenKeys written, CancellationToken ct)
    {
        #region Exercise 4.1-2d: healthy phase — acknowledged writes, each read back from the replica at once (tests: ReplicationWorkloadTests, ReplicatedStoreTests)
        var latency = new LatencyRecorder();
        var visibleAfter = new LatencyRecorder();
        int acked = 0, stale = 0;
        for (var i = 1; i <= options.HealthyWrites; i++)
        {
            var key = $"healthy:{i}";
            var start = Stopwatch.GetTimestamp();
            if (!await store.WriteAsync(key, i, TimeSpan.FromSeconds(5), ct))
            {
                written.Unacked[key] = i;
                continue;
            }
            latency.RecordSince(start);
            var ackedAt = Stopwatch.GetTimestamp();
            written.Acked[key] = i;
            acked++;
            if (await store.ReadReplicaAsync(key, ct) == i) continue;
            stale++;
            // BASE promises convergence: measure it.
            visibleAfter.Record(await TimeUntilReplicaShowsAsync(store, key, i, ackedAt, ct));
        }
        return new HealthyPhase(acked, stale, latency.Summarize(), visibleAfter.Summarize());
        #endregion
    }

    /// <summary>
    /// Cuts the replication link and writes <c>partition:n = n</c> for <see cref="ReplicationWorkloadOptions.PartitionDuration"/>,
    /// each with <see cref="ReplicationWorkloadOptions.WriteTimeout"/>, at the client's pace; then fails over and reads every
    /// key written in either phase from the promoted replica: an acknowledged key missing or different there is lost, an
    /// unacknowledged one present anyway is counted too.
    /// </summary>
    internal static async Task<PartitionPhase> RunPartitionAndFailoverAsync(IReplicatedStore store, ReplicationWorkloadOptions options, WrittenKeys written, CancellationToken ct)
    {
        #region Exercise 4.1-2e: partition — cut the replication link and keep writing; then fail over and count what survived (tests: ReplicationWorkloadTests, ReplicatedStoreTests)
        store.Link.Cut();
        var attempts = 0;
        var acked = 0;
        var until = Stopwatch.GetTimestamp() + (long)(options.PartitionDuration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            var key = $"partition:{++attempts}";
            if (await store.WriteAsync(key, attempts, options.WriteTimeout, ct))
            {
                written.Acked[key] = attempts;
                acked++;
            }
            else
            {
                written.Unacked[key] = attempts;
            }
            await Task.Delay(options.PartitionWritePace, ct); // the client's pace, not a synchronisation
        }
        var failoverStart = Stopwatch.GetTimestamp();
        await store.FailoverAsync(ct);
        var failoverTime = Stopwatch.GetElapsedTime(failoverStart);
        var survivors = await store.ReadAllAfterFailoverAsync([.. written.Acked.Keys, .. written.Unacked.Keys], ct);
        var lost = written.Acked.Count(kv => !survivors.TryGetValue(kv.Key, out var v) || v != kv.Value);
        var unackedApplied = written.Unacked.Count(kv => survivors.TryGetValue(kv.Key, out var v) && v == kv.Value);
        return new PartitionPhase(attempts, acked, lost, unackedApplied, failoverTime);
        #endregion
    }

    /// <summary>How long after <paramref name="ackedAt"/> the replica shows the value: read back to back, since this is the
    /// measuring instrument (a few milliseconds), bounded by a 10 s deadline.</summary>
    private static async Task<TimeSpan> TimeUntilReplicaShowsAsync(IReplicatedStore store, string key, long value, long ackedAt, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        while (await store.ReadReplicaAsync(key, ct) != value)
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"{store.Name}: the replica did not show {key} within 10 s.");
        return Stopwatch.GetElapsedTime(ackedAt);
    }
}
