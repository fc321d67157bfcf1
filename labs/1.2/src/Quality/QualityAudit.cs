using System.Globalization;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>
/// What the tests and the experiment hold a validation to: a clean dataset passes; a seeded one fails exactly the
/// expectation its defect targets, with exactly the seeded rows; the DataFrame and SQL evaluations agree on every
/// expectation; dbt fails exactly the tests of the expectations the suite failed. Each returns its problems; none = holds.
/// </summary>
public static class QualityAudit
{
    public const double ObservedTolerance = 1e-9;

    public static IReadOnlyList<string> AgainstSeed(SeededDataset dataset, ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(result);
        var problems = new List<string>();
        var name = dataset.Defect?.ToString() ?? "clean";
        foreach (var r in result.Results)
        {
            var targeted = r.Expectation.Key == dataset.TargetExpectation;
            if (!targeted && !r.Success) problems.Add($"{name} ({result.Evaluator}): {r.Expectation.Key} failed but no defect targets it ({r.Summary})");
            if (targeted && r.Success) problems.Add($"{name} ({result.Evaluator}): {r.Expectation.Key} passed, the seeded defect went unseen ({r.Summary})");
            if (targeted && r.Expectation.IsRowLevel && !r.UnexpectedKeys.SequenceEqual(dataset.DefectiveKeys))
                problems.Add($"{name} ({result.Evaluator}): {r.Expectation.Key} named {r.UnexpectedCount} rows, {dataset.DefectiveKeys.Count} were seeded " +
                             $"(missed {dataset.DefectiveKeys.Except(r.UnexpectedKeys).Count()}, extra {r.UnexpectedKeys.Except(dataset.DefectiveKeys).Count()})");
        }
        if (dataset.TargetExpectation is { } t && result.Results.All(r => r.Expectation.Key != t))
            problems.Add($"{name}: the suite has no expectation {t}");
        return problems;
    }

    public static IReadOnlyList<string> Between(ValidationResult a, ValidationResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var problems = new List<string>();
        if (a.Results.Count != b.Results.Count) return [$"{a.Evaluator} has {a.Results.Count} results, {b.Evaluator} {b.Results.Count}"];
        foreach (var (x, y) in a.Results.Zip(b.Results))
        {
            var key = x.Expectation.Key;
            if (x.Success != y.Success) problems.Add($"{key}: {a.Evaluator} {(x.Success ? "passed" : "failed")}, {b.Evaluator} {(y.Success ? "passed" : "failed")}");
            if (x.UnexpectedCount != y.UnexpectedCount) problems.Add($"{key}: {x.UnexpectedCount} failing rows vs {y.UnexpectedCount}");
            else if (!x.UnexpectedKeys.SequenceEqual(y.UnexpectedKeys)) problems.Add($"{key}: the same number of failing rows, not the same rows");
            if (!x.Sample.Select(s => s.Key).SequenceEqual(y.Sample.Select(s => s.Key))) problems.Add($"{key}: the samples hold different rows");
            if (x.Observed.HasValue != y.Observed.HasValue || (x.Observed is { } u && y.Observed is { } v && Math.Abs(u - v) > ObservedTolerance * Math.Max(1, Math.Abs(u))))
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key}: observed {x.Observed} vs {y.Observed}"));
        }
        return problems;
    }

    /// <summary>dbt against the suite: a dbt test fails exactly when the expectation it states failed, and where dbt's query
    /// returns one row per failing row, with as many rows as the suite named.</summary>
    public static IReadOnlyList<string> AgainstDbt(ValidationResult result, IReadOnlyList<DbtTestOutcome> dbt)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(dbt);
        var problems = new List<string>();
        foreach (var test in dbt)
        {
            if (test.Status == "Error") { problems.Add($"dbt {test.Test}: error {test.Message}"); continue; }
            var expectation = result.Results.SingleOrDefault(r => r.Expectation.Key == test.ExpectationKey);
            if (expectation is null) problems.Add($"dbt {test.Test}: the suite has no {test.ExpectationKey}");
            else if (expectation.Success != test.Passed)
                problems.Add($"{test.ExpectationKey}: the suite {(expectation.Success ? "passed" : "failed")}, dbt {test.Test} {(test.Passed ? "passed" : $"failed ({test.Failures} rows)")}");
            else if (test.CountsRows && test.Failures != expectation.UnexpectedCount)
                problems.Add($"{test.ExpectationKey}: the suite named {expectation.UnexpectedCount} failing rows, dbt {test.Test} {test.Failures}");
        }
        return problems;
    }
}
