using StatelessMind.Labs.SystemsProgramming.Native;

namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>The real machine: nanoseconds per dependent load while chasing a random cycle of cache-line
/// sized nodes through a buffer of a given size (native/c/cachesim/memlat.c).</summary>
public static class MemoryLatency
{
    public const int NodeBytes = 64;

    /// <summary>Best (lowest) of <paramref name="trials"/> runs: interference from other processes only ever adds time.</summary>
    public static double MeasureNs(long workingSetBytes, long steps, ulong seed, int trials = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingSetBytes, NodeBytes);
        CacheSimNative.EnsureLoaded();
        var best = double.MaxValue;
        for (var t = 0; t < trials; t++)
        {
            var ns = CacheSimNative.MemoryLatencyNs((ulong)workingSetBytes, NodeBytes, (ulong)steps, seed);
            if (ns < 0) throw new InvalidOperationException($"sm_memlat_ns({workingSetBytes}) failed ({ns}): out of memory?");
            best = Math.Min(best, ns);
        }
        return best;
    }

    /// <summary>What the simulator predicts for the same walk: the share of loads each level serves, after one
    /// warm-up lap (so the caches hold what the real run's warm-up left in them), over at most
    /// <paramref name="maxSteps"/> steps of the next lap (the cycle is random: part of a lap is a fair sample).</summary>
    public static IReadOnlyList<double> PredictServedFractions(IReadOnlyList<CacheConfig> levels, long workingSetBytes, ulong seed, long maxSteps = 250_000)
    {
        using var h = new CacheHierarchy(levels, memoryLatency: 0, classifyMisses: false);
        var nodes = workingSetBytes / NodeBytes;
        h.Run(AccessPattern.PointerChase(workingSetBytes, NodeBytes, nodes, seed)); // one lap: back at node 0
        h.ResetStatistics();
        h.Run(AccessPattern.PointerChase(workingSetBytes, NodeBytes, Math.Min(nodes, maxSteps), seed));
        var totals = h.Totals;
        return Enumerable.Range(0, levels.Count + 1).Select(totals.ServedFraction).ToList();
    }
}
