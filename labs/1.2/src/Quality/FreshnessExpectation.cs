using System.Globalization;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary><c>freshness</c>: the newest timestamp in the column is at most MaxAgeHours older than the run's
/// "as of" instant (given to the run, never read from the clock, so a result can be reproduced).</summary>
public sealed record FreshnessExpectation(string Column, double MaxAgeHours) : Expectation
{
    public override string Type => "freshness";
    public override bool IsRowLevel => false;
    public override string Key => $"freshness({Column})";
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"newest {Column} at most {MaxAgeHours} h old");
}
