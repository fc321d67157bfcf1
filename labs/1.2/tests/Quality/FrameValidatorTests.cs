using Microsoft.Data.Analysis;
using StatelessMind.Labs.Lifecycle.Quality;

namespace StatelessMind.Labs.Lifecycle.Tests.Quality;

[Goal("1.2-2")]
public sealed class FrameValidatorTests(ITestOutputHelper output)
{
    private static ExpectationResult Run(string expectation, DataFrame frame, QualityBug bug = QualityBug.None, IReadOnlyDictionary<string, DataFrame>? references = null) =>
        FrameValidator.Validate(QualityData.Suite(expectation), frame, "t", QualityData.Settings with { Bug = bug, SampleSize = 2 }, references).Results.Single();

    [Fact]
    public void Not_null_names_the_null_rows_with_a_sample_in_key_order()
    {
        var r = Run("""{ "type": "not_null", "column": "c" }""", QualityData.Frame(new Int64DataFrameColumn("c", [1, null, 3, null, null])));

        Assert.False(r.Success);
        Assert.Equal(3, r.UnexpectedCount);
        Assert.Equal([2L, 4, 5], r.UnexpectedKeys);
        Assert.Equal([2L, 4], r.Sample.Select(s => s.Key));
        Assert.Equal("c is null", r.Sample[0].Reason);
        Assert.Equal(5, r.ElementCount);
    }

    [Fact]
    public void Unique_fails_every_row_of_a_repeated_value_and_never_a_null()
    {
        var r = Run("""{ "type": "unique", "column": "c" }""", QualityData.Frame(new StringDataFrameColumn("c", ["a", null, "b", "a", null, "a"])));

        Assert.Equal([1L, 4, 6], r.UnexpectedKeys);
        Assert.Contains("appears 3 times", r.Sample[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_planted_null_as_duplicate_bug_fails_two_nulls()
    {
        var frame = QualityData.Frame(new StringDataFrameColumn("c", ["a", null, "b", null]));

        Assert.True(Run("""{ "type": "unique", "column": "c" }""", frame).Success);
        Assert.Equal([2L, 4], Run("""{ "type": "unique", "column": "c" }""", frame, QualityBug.NullCountedAsDuplicate).UnexpectedKeys);
    }

    [Fact]
    public void Between_keeps_its_bounds_unless_the_suite_makes_them_strict_and_ignores_nulls()
    {
        var frame = QualityData.Frame(new DoubleDataFrameColumn("x", [0, 10, -0.01, 10.01, null, 5]));

        Assert.Equal([3L, 4], Run("""{ "type": "between", "column": "x", "min": 0, "max": 10 }""", frame).UnexpectedKeys);
        Assert.Equal([1L, 3, 4], Run("""{ "type": "between", "column": "x", "min": 0, "max": 10, "strict_min": true }""", frame).UnexpectedKeys);
        Assert.Equal([2L, 3, 4], Run("""{ "type": "between", "column": "x", "min": 0, "max": 10, "strict_max": true }""", frame).UnexpectedKeys);
    }

    [Fact]
    public void The_planted_exclusive_bounds_bug_fails_the_values_on_the_bounds()
    {
        var frame = QualityData.Frame(new DoubleDataFrameColumn("x", [0, 10, 5]));

        Assert.Equal([1L, 2], Run("""{ "type": "between", "column": "x", "min": 0, "max": 10 }""", frame, QualityBug.ExclusiveBetweenBounds).UnexpectedKeys);
    }

    [Fact]
    public void In_set_fails_values_outside_the_set_case_sensitively_and_empty_strings_too()
    {
        var r = Run("""{ "type": "in_set", "column": "s", "values": ["paid", "shipped"] }""",
            QualityData.Frame(new StringDataFrameColumn("s", ["paid", "PAID", null, "", "shipped", "lost"])));

        Assert.Equal([2L, 4, 6], r.UnexpectedKeys);
    }

    [Fact]
    public void Regex_must_match_the_whole_value()
    {
        var frame = QualityData.Frame(new StringDataFrameColumn("e", ["ann1@example.com", "to: ann1@example.com", "ann1@example.com\n", "ann1@", null]));
        const string suite = """{ "type": "regex", "column": "e", "pattern": "[a-z]+[0-9]+@[a-z]+(\\.[a-z]+)+" }""";

        Assert.Equal([2L, 3, 4], Run(suite, frame).UnexpectedKeys);
        // The planted bug searches instead: the valid address inside a longer text passes.
        Assert.Equal([4L], Run(suite, frame, QualityBug.UnanchoredRegex).UnexpectedKeys);
    }

    [Fact]
    public void Column_pair_compares_where_both_values_are_present()
    {
        var t0 = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        var frame = QualityData.Frame(
            new DateTimeDataFrameColumn("shipped", [t0, t0.AddSeconds(-1), null, t0.AddHours(1), t0]),
            new DateTimeDataFrameColumn("ordered", [t0, t0, t0, null, t0.AddSeconds(1)]));

        Assert.Equal([2L, 5], Run("""{ "type": "column_pair", "column_a": "shipped", "operator": ">=", "column_b": "ordered" }""", frame).UnexpectedKeys);
        Assert.Equal([1L], Run("""{ "type": "column_pair", "column_a": "shipped", "operator": "<", "column_b": "ordered" }""", frame).UnexpectedKeys);
    }

    [Fact]
    public void Row_count_is_inclusive_at_both_ends()
    {
        var frame = QualityData.Frame(new Int64DataFrameColumn("c", [1, 2, 3]));

        Assert.True(Run("""{ "type": "row_count_between", "min": 3, "max": 3 }""", frame).Success);
        var r = Run("""{ "type": "row_count_between", "min": 4, "max": 10 }""", frame);
        Assert.False(r.Success);
        Assert.Equal(3, r.Observed);
    }

    [Fact]
    public void Freshness_is_the_newest_timestamps_age_against_the_runs_as_of()
    {
        var asOf = QualityData.AsOf.UtcDateTime;
        var frame = QualityData.Frame(new DateTimeDataFrameColumn("t", [asOf.AddHours(-30), asOf.AddHours(-24), null]));

        var exact = Run("""{ "type": "freshness", "column": "t", "max_age_hours": 24 }""", frame);
        var strict = Run("""{ "type": "freshness", "column": "t", "max_age_hours": 23.5 }""", frame);
        var empty = Run("""{ "type": "freshness", "column": "t", "max_age_hours": 24 }""", QualityData.Frame(new DateTimeDataFrameColumn("t", [null, null])));

        Assert.Equal(24, exact.Observed);
        Assert.True(exact.Success);
        Assert.False(strict.Success);
        Assert.Null(empty.Observed);
        Assert.False(empty.Success);
    }

    [Fact]
    public void Drift_observes_the_ks_statistic_against_the_named_reference()
    {
        var frame = QualityData.Frame(new DoubleDataFrameColumn("x", [1, 2, 3, 4, null]));
        var reference = new DataFrame(new DoubleDataFrameColumn("x", [3, 4, 5, 6]));
        const string suite = """{ "type": "distribution_drift", "column": "x", "reference": "ref", "max_ks": 0.4 }""";

        var r = Run(suite, frame, references: new Dictionary<string, DataFrame> { ["ref"] = reference });

        Assert.Equal(0.5, r.Observed!.Value, 12); // at x = 2: F = 2/4 against 0
        Assert.False(r.Success);
        var missing = Assert.Throws<ArgumentException>(() => Run(suite, frame));
        Assert.Contains("'ref'", missing.Message, StringComparison.Ordinal);
        output.WriteLine(r.Summary);
    }
}
