using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.StochasticStatistics.Svd;

/// <summary>
/// Goal 4.6-2: dimensionality reduction by SVD. On centred latent-factor data, the reconstruction error at every rank is
/// held to Eckart–Young (the sum of the discarded σ², and σ_{k+1} in the spectral norm) and the explained variance to
/// the eigenvalues of the covariance matrix; on a matrix with a known, slowly decaying spectrum, the randomized SVD is
/// held to MathNet's full SVD in accuracy and timed against it in the same run.
/// </summary>
public sealed class SvdReductionExperiment : IExperiment
{
    public const string WorstEckartYoungGap = "largest |‖A − A_k‖_F² − Σ_{i>k} σᵢ²| / ‖A‖_F², over k";
    public const string ComponentsFor90 = "components explaining 90% of the variance";
    public const string RandomizedSpeedup = "MathNet full SVD time / randomized SVD time";
    public const string RandomizedWorstError = "largest relative error of the top-k randomized σ";

    public string GoalId => "4.6-2";
    public string Title => "Truncated SVD against Eckart–Young, explained variance, and a randomized SVD beside MathNet's full SVD";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        var (rows, features) = context.Size((300, 40), (1000, 60));
        context.Report(0.1, "Eckart–Young and explained variance");
        ReductionPart(context, finding, rows, features);
        cancellationToken.ThrowIfCancellationRequested();
        var (m, n) = context.Size((300, 150), (1200, 400));
        context.Report(0.5, "randomized SVD against MathNet's full SVD");
        RandomizedPart(context, finding, m, n, cancellationToken);
        InputPart(finding);
        return Task.FromResult(finding.Build(
            $"The full SVD of {rows} × {features} centred data with 5 latent factors (standard deviations 10, 7, 5, 3, 2; noise of total variance 4) was truncated at every rank and compared with Eckart–Young and with the covariance matrix's eigenvalues; " +
            $"a randomized SVD (k = 10, 10 extra columns, 2 power iterations) of a {m} × {n} matrix with σᵢ = 100·0.8ⁱ was compared with MathNet's full SVD in accuracy and time; two planted bugs and three bad inputs were run."));
    }

    private static void ReductionPart(ExperimentContext context, FindingBuilder finding, int rows, int features)
    {
        var data = SpectrumMatrices.LatentFactors(rows, features, [10, 7, 5, 3, 2], 2 / Math.Sqrt(features), context.Seed);
        var svd = TruncatedSvd.Of(data);
        var total = data.FrobeniusNorm() * data.FrobeniusNorm();
        var worstFrobenius = 0.0;
        var worstSpectral = 0.0;
        var table = new List<object?[]>();
        var ratios = svd.ExplainedVarianceRatios();
        var cumulative = 0.0;
        for (var k = 1; k <= svd.SingularValues.Count; k++)
        {
            var residual = data - svd.Reconstruct(k);
            var error = residual.FrobeniusNorm() * residual.FrobeniusNorm();
            var discarded = svd.DiscardedEnergy(k);
            worstFrobenius = Math.Max(worstFrobenius, Math.Abs(error - discarded) / total);
            cumulative += ratios[k - 1];
            if (k < svd.SingularValues.Count && k <= 12)
            {
                var spectral = residual.L2Norm();
                worstSpectral = Math.Max(worstSpectral, Math.Abs(spectral - svd.SingularValues[k]) / svd.SingularValues[0]);
            }
            if (k <= 10) table.Add([k, svd.SingularValues[k - 1].ToString("G6", CultureInfo.InvariantCulture), Math.Round(ratios[k - 1], 5), Math.Round(cumulative, 5), (error / total).ToString("G6", CultureInfo.InvariantCulture), (discarded / total).ToString("G6", CultureInfo.InvariantCulture)]);
        }
        finding.Table(FindingTable.Of($"Truncated SVD of the {rows} × {features} data, per rank", ["k", "σ_k", "explained share", "cumulative", "‖A − A_k‖_F² / ‖A‖_F²", "Σ_{i>k} σᵢ² / ‖A‖_F²"], table));
        finding.Check(worstFrobenius <= 1e-10, $"at every rank k = 1 … {svd.SingularValues.Count}, ‖A − A_k‖_F² equals the sum of the discarded σᵢ² to {worstFrobenius:G2} of ‖A‖_F²");
        finding.Check(worstSpectral <= 1e-10, $"for k = 1 … 12, ‖A − A_k‖₂ equals σ_(k+1) to {worstSpectral:G2} of σ₁");
        finding.Figure(WorstEckartYoungGap, worstFrobenius, "", key: true, target: "≤ 1e-10");

        // The explained variance against an independent route: the eigenvalues of the sample covariance XᵀX/(n − 1).
        var covariance = data.TransposeThisAndMultiply(data) / (rows - 1);
        var eigen = covariance.Evd().EigenValues.Select(e => e.Real).OrderByDescending(e => e).ToArray();
        var trace = covariance.Trace();
        var varianceGap = Enumerable.Range(0, ratios.Count).Max(i => Math.Abs(ratios[i] - eigen[i] / trace));
        finding.Check(varianceGap <= 1e-10, $"each explained-variance share equals the covariance matrix's eigenvalue over its trace (MathNet EVD) to {varianceGap:G2}");
        finding.Check(Math.Abs(ratios.Sum() - 1) <= 1e-12, "the explained-variance shares add up to 1");
        var for90 = svd.ComponentsFor(0.9);
        finding.Figure(ComponentsFor90, for90, "components", key: true);

        // Eckart–Young says no rank-k matrix does better: a competitor (the data projected on k random directions) must not.
        var random = new Random(context.Seed + 7);
        var directions = Matrix<double>.Build.Dense(features, 5, (_, _) => MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1)).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
        var competitor = data - data * directions * directions.Transpose();
        var competitorError = competitor.FrobeniusNorm() * competitor.FrobeniusNorm();
        finding.Check(competitorError >= svd.DiscardedEnergy(5), $"a rank-5 projection on random directions leaves {competitorError / total:P1} of ‖A‖_F², not less than the truncation's {svd.DiscardedEnergy(5) / total:P1}");

        var buggy = TruncatedSvd.Of(data, SvdBug.RankOffByOne);
        var buggyResidual = data - buggy.Reconstruct(5);
        var buggyGap = Math.Abs(buggyResidual.FrobeniusNorm() * buggyResidual.FrobeniusNorm() - buggy.DiscardedEnergy(5)) / total;
        finding.Check(buggyGap > 1e-10, $"the Eckart–Young check catches the planted bug RankOffByOne (gap {buggyGap:G3} of ‖A‖_F² at k = 5)");

        var plot = new ScottPlot.Plot();
        var shown = Math.Min(20, ratios.Count);
        for (var k = 0; k < shown; k++)
            plot.Add.Bar(new ScottPlot.Bar { Position = k + 1, Value = ratios[k], FillColor = ScottPlot.Colors.SteelBlue });
        var running = 0.0;
        var cumulativeLine = plot.Add.Scatter(Enumerable.Range(1, shown).Select(k => (double)k).ToArray(), ratios.Take(shown).Select(r => running += r).ToArray());
        cumulativeLine.LegendText = "cumulative share";
        var ninety = plot.Add.HorizontalLine(0.9);
        ninety.LegendText = "90%";
        plot.Title($"Scree plot: share of Σσ² per component ({rows} × {features}, 5 latent factors)");
        plot.XLabel("component");
        plot.YLabel("explained share");
        plot.ShowLegend(ScottPlot.Alignment.MiddleRight);
        finding.Plot(context.SavePlot(plot, "scree.png", "Explained variance per component and cumulative: the elbow after the latent factors"));
    }

    private static void RandomizedPart(ExperimentContext context, FindingBuilder finding, int m, int n, CancellationToken cancellationToken)
    {
        const int rank = 10;
        var a = SpectrumMatrices.Geometric(m, n, 100, 0.8, context.Seed);
        var randomized = new RandomizedSvd();
        // One warm-up of each, then the median of three timed runs of each, interleaved.
        var full = a.Svd(computeVectors: true);
        var partial = randomized.Compute(a, rank, context.Seed);
        var fullTimes = new List<double>();
        var randomizedTimes = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            full = a.Svd(computeVectors: true);
            fullTimes.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            partial = randomized.Compute(a, rank, context.Seed + run);
            randomizedTimes.Add(clock.Elapsed.TotalMilliseconds);
        }
        var fullMs = fullTimes.Order().ElementAt(1);
        var randomizedMs = randomizedTimes.Order().ElementAt(1);
        var speedup = fullMs / randomizedMs;
        finding.Figure(RandomizedSpeedup, speedup, "×", key: true, target: context.Scale == Scale.Full ? "> 1" : null);
        finding.Note(string.Create(CultureInfo.InvariantCulture, $"median of 3 runs: MathNet full SVD {fullMs:0.#} ms, randomized rank-{rank} SVD {randomizedMs:0.#} ms on {m} × {n} (managed provider; other work may share the machine)."));
        if (context.Scale == Scale.Full)
            finding.Check(speedup > 1, $"the randomized rank-{rank} SVD ran faster than MathNet's full SVD ({speedup:0.#} ×)");
        else
            finding.Note($"speed-up {speedup:0.#} × not checked at small scale");

        var worst = Enumerable.Range(0, rank).Max(i => Math.Abs(partial.SingularValues[i] - full.S[i]) / full.S[i]);
        finding.Figure(RandomizedWorstError, worst, "", key: true, target: "≤ 1e-6");
        finding.Check(worst <= 1e-6, $"the top {rank} randomized singular values equal MathNet's to a relative {worst:G2}");
        var residual = a - partial.Reconstruct();
        var optimal = Math.Sqrt(full.S.Skip(rank).Sum(s => s * s));
        var excess = residual.FrobeniusNorm() / optimal - 1;
        finding.Check(excess <= 1e-6, $"the randomized rank-{rank} approximation's Frobenius error is within {excess:G2} (relative) of the Eckart–Young optimum");
        var sketchOnly = new RandomizedSvd(bug: SvdBug.NoPowerIterations).Compute(a, rank, context.Seed);
        var sketchWorst = Enumerable.Range(0, rank).Max(i => Math.Abs(sketchOnly.SingularValues[i] - full.S[i]) / full.S[i]);
        finding.Check(sketchWorst > 1e-6, $"the accuracy check catches the planted bug NoPowerIterations (worst relative error {sketchWorst:G3})");
        finding.Table(FindingTable.Of($"Top {rank} singular values of the {m} × {n} matrix (σᵢ = 100·0.8ⁱ)", ["i", "exact", "MathNet full SVD", "randomized (q = 2)", "randomized, no power iterations (planted bug)"],
            Enumerable.Range(0, rank).Select(i => new object?[]
            {
                i + 1, (100 * Math.Pow(0.8, i)).ToString("G10", CultureInfo.InvariantCulture), full.S[i].ToString("G10", CultureInfo.InvariantCulture),
                partial.SingularValues[i].ToString("G10", CultureInfo.InvariantCulture), sketchOnly.SingularValues[i].ToString("G10", CultureInfo.InvariantCulture),
            }).ToList()));
    }

    private static void InputPart(FindingBuilder finding)
    {
        var small = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        RefusalChecks.Expect<RankOutOfRangeException>(finding, "a rank-3 truncation of a 3 × 2 matrix", () => TruncatedSvd.Of(small).Reconstruct(3));
        RefusalChecks.Expect<RankOutOfRangeException>(finding, "a rank-0 randomized SVD", () => new RandomizedSvd().Compute(small, 0, 1));
        var withNaN = small.Clone();
        withNaN[1, 1] = double.NaN;
        RefusalChecks.Expect<NonFiniteMatrixException>(finding, "a matrix with a NaN", () => TruncatedSvd.Of(withNaN));
    }
}
