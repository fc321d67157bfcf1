using StatelessMind.Labs.Transformation.Macros;

namespace StatelessMind.Labs.Transformation.Tests.Execution;

[Goal("2.2-3")]
public sealed class MacroReuseExperimentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_experiment_passes_on_the_macros_as_written()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new MacroReuseExperiment(), output);

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("compiled / written SQL, models with macros")!.Value > 1);
        Assert.True(finding.FigureNamed("macro call sites in models")!.Value >= 8);
    }

    [Fact]
    public async Task A_surrogate_key_without_a_separator_fails_the_md5_and_collision_checks()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new MacroReuseExperiment(MacroBug.SurrogateKeyWithoutSeparator), output);

        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("surrogate_key gives distinct pairs distinct keys", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cents_divided_by_ten_fail_the_currency_check()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new MacroReuseExperiment(MacroBug.CentsOffByTen), output);

        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("cents_to_currency equals cents / 100", finding.Summary, StringComparison.Ordinal);
    }
}
