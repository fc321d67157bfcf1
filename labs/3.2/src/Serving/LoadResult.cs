namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>What a load run measured: completed requests, failures, wall time, and latency percentiles in ms.</summary>
public sealed record LoadResult(int Requests, int Failures, double Seconds, double P50Milliseconds, double P99Milliseconds, string Generator)
{
    public double RequestsPerSecond => Requests / Seconds;
}
