namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>One bin of a chi-square test over counts: the values <see cref="Low"/> … <see cref="High"/> (null High: and
/// above), how many windows showed them and how many were expected.</summary>
public sealed record ChiSquareBin(int Low, int? High, long Observed, double Expected)
{
    public string Label => High is null ? $"≥ {Low}" : High == Low ? $"{Low}" : $"{Low}–{High}";
}
