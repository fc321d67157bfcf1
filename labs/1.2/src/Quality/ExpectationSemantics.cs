using System.Globalization;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>
/// The few decisions both evaluators (DataFrame and SQL) share, kept in one place so that they cannot drift apart:
/// the bounds of <c>between</c>, whether nulls collide in <c>unique</c>, how a pattern is anchored, and how a
/// table-level check is judged from its observed value. The planted bugs act here.
/// </summary>
internal static class ExpectationSemantics
{
    public static (bool StrictMin, bool StrictMax) Bounds(BetweenExpectation e, QualityBug bug) =>
        bug == QualityBug.ExclusiveBetweenBounds ? (true, true) : (e.StrictMin, e.StrictMax);

    public static bool NullsCollide(QualityBug bug) => bug == QualityBug.NullCountedAsDuplicate;

    /// <summary>The pattern for .NET's Regex: wrapped in \A(?:…)\z, so that it must match the whole value
    /// (not $, which also matches before a final newline).</summary>
    public static string DotNetPattern(string pattern, QualityBug bug) =>
        bug == QualityBug.UnanchoredRegex ? pattern : $@"\A(?:{pattern})\z";

    /// <summary>The pattern for PostgreSQL's <c>~</c> (an ARE, where $ is the end of the string).</summary>
    public static string PostgresPattern(string pattern, QualityBug bug) =>
        bug == QualityBug.UnanchoredRegex ? pattern : $"^(?:{pattern})$";

    /// <summary>A table-level check's verdict and sentence from its observed value (null: nothing to observe).</summary>
    public static (bool Success, string Summary) Judge(Expectation expectation, double? observed) => expectation switch
    {
        RowCountBetweenExpectation r => observed is { } n && n >= r.Min && n <= r.Max
            ? (true, $"{n:N0} rows")
            : (false, $"{observed ?? 0:N0} rows, expected {r.Min:N0} … {r.Max:N0}"),
        FreshnessExpectation f => observed is { } age
            ? (age <= f.MaxAgeHours, Invariant($"newest {f.Column} is {age:0.##} h old (limit {f.MaxAgeHours} h)"))
            : (false, $"{f.Column} holds no timestamp"),
        DistributionDriftExpectation d => observed is { } ks
            ? (ks <= d.MaxKs, Invariant($"KS = {ks:0.0000} (limit {d.MaxKs})"))
            : (false, $"{d.Column} or {d.Reference}.{d.Column} holds no value"),
        _ => throw new ArgumentException($"{expectation.Key} is not a table-level expectation", nameof(expectation)),
    };

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string Format(object? value) => value switch
    {
        null => "null",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
