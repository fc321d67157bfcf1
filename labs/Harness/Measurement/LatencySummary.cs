namespace StatelessMind.Harness.Measurement;

/// <summary>Percentiles of a set of latencies, in milliseconds.</summary>
public sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public override string ToString() => $"n={Count} p50={P50Ms:0.###} ms p99={P99Ms:0.###} ms max={MaxMs:0.###} ms";
}
