namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>Reads made <paramref name="DelayMs"/> after a write was acknowledged, and how many returned the older value.</summary>
/// <param name="Reads">Reads that answered.</param>
/// <param name="FailedReads">Reads that got no quorum before their timeout (counted, never dropped).</param>
/// <param name="WritesRefused">Trials whose write was not acknowledged (no read follows them).</param>
public sealed record StaleReadPoint(string Config, double DelayMs, int Reads, int Stale, int WritesRefused, int FailedReads)
{
    public double StalePercent => Reads == 0 ? double.NaN : 100.0 * Stale / Reads;
}
