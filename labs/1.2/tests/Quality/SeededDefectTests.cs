using StatelessMind.Labs.Lifecycle.Quality;

namespace StatelessMind.Labs.Lifecycle.Tests.Quality;

/// <summary>The orders suite over the generated data in memory: the clean data passes; each seeded defect fails exactly its
/// expectation with exactly the seeded rows; each planted bug breaks that on some dataset.</summary>
[Goal("1.2-2")]
public sealed class SeededDefectTests(ITestOutputHelper output)
{
    private static readonly ExpectationSuite Suite = OrdersSuite.Load();

    public static TheoryData<string> Datasets() => new(QualityData.AllDatasets.Select(d => d?.ToString() ?? "clean"));

    private static OrdersDefect? Parse(string name) => name == "clean" ? null : Enum.Parse<OrdersDefect>(name);

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Each_dataset_fails_exactly_its_seeded_expectation_with_exactly_the_seeded_rows(string name)
    {
        var dataset = QualityData.Seeded(Parse(name));

        var result = FrameValidator.Validate(Suite, dataset.Frame, name, QualityData.Settings, QualityData.References);

        foreach (var r in result.Results) output.WriteLine($"{r.Expectation.Key}: {(r.Success ? "passed" : "FAILED")} — {r.Summary}");
        Assert.Empty(QualityAudit.AgainstSeed(dataset, result));
        Assert.Equal(dataset.Defect is null, result.Success);
        if (dataset.Defect is not null)
        {
            var target = result[dataset.TargetExpectation!];
            Assert.False(target.Success);
            if (target.Expectation.IsRowLevel)
            {
                Assert.NotEmpty(dataset.DefectiveKeys);
                Assert.Equal(dataset.DefectiveKeys.Take(5), target.Sample.Select(s => s.Key));
                Assert.All(target.Sample, s => Assert.False(string.IsNullOrEmpty(s.Reason)));
            }
        }
    }

    [Theory]
    [InlineData(QualityBug.NullCountedAsDuplicate, "unique(coupon_code)")]
    [InlineData(QualityBug.ExclusiveBetweenBounds, "between(amount)")]
    [InlineData(QualityBug.UnanchoredRegex, "regex(email)")]
    public void Each_planted_bug_is_caught_by_the_seeded_datasets(QualityBug bug, string expectation)
    {
        var problems = QualityData.AllDatasets
            .Select(QualityData.Seeded)
            .SelectMany(d => QualityAudit.AgainstSeed(d, FrameValidator.Validate(Suite, d.Frame, d.Defect?.ToString() ?? "clean", QualityData.Settings with { Bug = bug }, QualityData.References)))
            .ToList();

        foreach (var p in problems) output.WriteLine(p);
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Contains(expectation, p, StringComparison.Ordinal));
    }
}
