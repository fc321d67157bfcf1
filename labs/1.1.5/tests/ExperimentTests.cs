using StatelessMind.Labs.Encoding.Experiments;

namespace StatelessMind.Labs.Encoding.Tests;

/// <summary>Both experiments at small scale: every check they make holds.</summary>
public sealed class ExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.5-1")]
    public async Task The_schema_evolution_experiment_passes_every_check_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new SchemaEvolutionExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(64, finding.Figures.Single(f => f.Name == "checker agrees with Apache.Avro").Value);
        Assert.Equal(40, finding.Figures.Single(f => f.Name == "readable reader/writer pairs").Value);
        Assert.EndsWith("checks held.", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("1.1.5-1")]
    public async Task With_a_checker_that_ignores_defaults_the_experiment_fails_and_its_summary_says_which_checks()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new SchemaEvolutionExperiment(Evolution.CheckerBug.IgnoreDefaults), output);

        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("checks failed: the checker's prediction matches what Apache.Avro did for every reader/writer pair", finding.Summary, StringComparison.Ordinal);
        Assert.True(finding.Figures.Single(f => f.Name == "checker agrees with Apache.Avro").Value < 64);
        Assert.DoesNotContain("All ", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("1.1.5-2")]
    public async Task The_format_comparison_experiment_passes_every_check_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new FormatComparisonExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.InRange(finding.Figures.Single(f => f.Name == "Avro size vs JSON").Value, 0.2, 0.7);
        Assert.InRange(finding.Figures.Single(f => f.Name == "Protobuf size vs JSON").Value, 0.2, 0.7);
    }
}
