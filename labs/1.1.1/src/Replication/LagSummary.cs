namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>Percentiles of one standby's replay lag over a monitoring window, in bytes and in milliseconds.</summary>
public sealed record LagSummary(string Standby, string SyncState, int Samples, double BytesP50, double BytesP99, double BytesMax, double MsP50, double MsP99, double MsMax)
{
    public static LagSummary Of(string standby, IReadOnlyList<ReplicationSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var mine = samples.Where(s => s.Standby == standby && s.State == "streaming").ToList();
        var bytes = mine.Where(s => s.ReplayLagBytes is not null).Select(s => (double)s.ReplayLagBytes!.Value).Order().ToList();
        // replay_lag is NULL once a standby has caught up and the primary is idle: that is zero lag.
        var ms = mine.Select(s => s.ReplayLagMs ?? 0).Order().ToList();
        return new LagSummary(standby, mine.LastOrDefault()?.SyncState ?? "?", mine.Count,
            Percentile(bytes, 0.50), Percentile(bytes, 0.99), bytes.Count > 0 ? bytes[^1] : double.NaN,
            Percentile(ms, 0.50), Percentile(ms, 0.99), ms.Count > 0 ? ms[^1] : double.NaN);
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
