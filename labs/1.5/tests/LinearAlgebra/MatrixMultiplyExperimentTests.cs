using StatelessMind.Labs.MathFoundations.LinearAlgebra;

namespace StatelessMind.Labs.MathFoundations.Tests.LinearAlgebra;

public sealed class MatrixMultiplyExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.5-1")]
    public async Task The_experiment_checks_every_kernel_against_the_naive_product_and_the_peak()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new MatrixMultiplyExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.FigureNamed("peak of one core (from /proc/cpuinfo)")!.Value > 0);
    }

    [Fact]
    [Goal("1.5-1")]
    public async Task With_the_simd_tail_columns_skipped_the_experiment_fails_and_names_the_kernel()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new MatrixMultiplyExperiment(MatMulBug.TailColumnsSkipped), output);
        output.WriteLine(finding.Summary);
        Assert.Equal(Verdict.Fail, finding.Verdict);
        Assert.Contains("checks failed: SIMD 4×8 tile, Vector256 FMA equals the naive product", finding.Summary, StringComparison.Ordinal);
    }
}
