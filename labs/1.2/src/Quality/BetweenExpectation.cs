using System.Globalization;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary><c>between</c>: non-null values lie in [Min, Max]; a bound is exclusive only when the suite says so
/// (<c>strict_min</c>, <c>strict_max</c>). Nulls are left to <c>not_null</c>.</summary>
public sealed record BetweenExpectation(string Column, double Min, double Max, bool StrictMin = false, bool StrictMax = false) : Expectation
{
    public override string Type => "between";
    public override bool IsRowLevel => true;
    public override string Key => $"between({Column})";

    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Min} {(StrictMin ? "<" : "≤")} {Column} {(StrictMax ? "<" : "≤")} {Max}");
}
