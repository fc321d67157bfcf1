using System.Globalization;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary><c>distribution_drift</c>: the two-sample Kolmogorov–Smirnov statistic between the column and the same
/// column of a reference dataset (named by the suite, supplied by the run) stays at most MaxKs.</summary>
public sealed record DistributionDriftExpectation(string Column, string Reference, double MaxKs) : Expectation
{
    public override string Type => "distribution_drift";
    public override bool IsRowLevel => false;
    public override string Key => $"distribution_drift({Column})";
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"KS({Column}, {Reference}.{Column}) ≤ {MaxKs}");
}
