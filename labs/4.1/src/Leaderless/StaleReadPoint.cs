namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>Reads made <paramref name="DelayMs"/> after a write was acknowledged, and how many returned the older value.</summary>
public sealed record StaleReadPoint(string Config, double DelayMs, int Reads, int Stale, int WritesRefused)
{
    public double StalePercent => Reads == 0 ? 0 : 100.0 * Stale / Reads;
}
