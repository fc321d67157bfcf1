namespace StatelessMind.Labs.Programming;

/// <summary>One growth run of the C array: checkpoints at powers of two and at the end (for plots and tables), and the
/// size, among all sizes from 1 to the last push, where copies per push were highest.</summary>
/// <param name="Rule">How the array grew.</param>
/// <param name="Checkpoints">After 1, 2, 4, … pushes and after the last one.</param>
/// <param name="Worst">The highest copies-per-push of the whole run. With ×2 growth the powers of two are the sizes just
/// before a grow, where the ratio is lowest; the peaks come right after each grow, so only a check at every size sees them.</param>
public sealed record GrowthRun(GrowthRule Rule, IReadOnlyList<GrowthPoint> Checkpoints, GrowthPoint Worst)
{
    public GrowthPoint Final => Checkpoints[^1];

    /// <summary>Whether copies per push stayed within <paramref name="bound"/> at every size of the run.</summary>
    public bool StaysWithin(double bound) => Worst.CopiesPerPush <= bound + 1e-12;
}
