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
        var acked = new Dictionary<string, long>(StringComparer.Ordinal);
        var unacked = new Dictionary<string, long>(StringComparer.Ordinal);
        var latency = new LatencyRecorder();
        var visibleAfter = new LatencyRecorder();
        var stale = 0;

        #region Exercise 4.1-2: healthy phase — acknowledged writes, read back from the replica at once
        for (var i = 1; i <= options.HealthyWrites; i++)
        {
            var key = $"healthy:{i}";
            var start = Stopwatch.GetTimestamp();
            if (!await store.WriteAsync(key, i, TimeSpan.FromSeconds(5), ct))
            {
                unacked[key] = i;
                continue;
            }
            latency.RecordSince(start);
            var ackedAt = Stopwatch.GetTimestamp();
            acked[key] = i;
            if (await store.ReadReplicaAsync(key, ct) == i) continue;
            stale++;
            // BASE promises convergence: measure it.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (await store.ReadReplicaAsync(key, ct) != i)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{store.Name}: the replica did not show {key} within 10 s.");
                await Task.Yield();
            }
            visibleAfter.RecordSince(ackedAt);
        }
        #endregion

        #region Exercise 4.1-2: partition — cut the replication link and keep writing; then fail over to the replica
        store.Link.Cut();
        var attempts = 0;
        var partitionAcked = 0;
        var until = Stopwatch.GetTimestamp() + (long)(options.PartitionDuration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            var key = $"partition:{++attempts}";
            if (await store.WriteAsync(key, attempts, options.WriteTimeout, ct))
            {
                acked[key] = attempts;
                partitionAcked++;
            }
            else
            {
                unacked[key] = attempts;
            }
            await Task.Delay(options.PartitionWritePace, ct); // the client's pace, not a synchronisation
        }
        var failoverStart = Stopwatch.GetTimestamp();
        await store.FailoverAsync(ct);
        var failoverTime = Stopwatch.GetElapsedTime(failoverStart);
        var survivors = await store.ReadAllAfterFailoverAsync([.. acked.Keys, .. unacked.Keys], ct);
        var lost = acked.Count(kv => !survivors.TryGetValue(kv.Key, out var v) || v != kv.Value);
        var unackedApplied = unacked.Count(kv => survivors.TryGetValue(kv.Key, out var v) && v == kv.Value);

        return new ReplicationOutcome(store.Name, options.HealthyWrites, acked.Count - partitionAcked, stale, latency.Summarize(), visibleAfter.Summarize(),
            attempts, partitionAcked, lost, unackedApplied, failoverTime);
        #endregion
    }
}
