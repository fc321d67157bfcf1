using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearRegression;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.StochasticStatistics.Regression;

/// <summary>
/// Goal 4.6-1: least squares with its inference, held digit by digit against the NIST StRD certified Longley values,
/// beside MathNet's QR and normal-equations regressions; the p-values held against MathNet's t and F distributions; the
/// intervals and tests held against the truth by simulation; the planted bugs and the typed errors shown to be caught.
/// </summary>
public sealed class RegressionInferenceExperiment : IExperiment
{
    public const string FewestDigits = "fewest certified digits matched (Longley)";
    public const string MathNetQrDigits = "fewest digits shared with MathNet's QR coefficients";
    public const string NormalEquationsDigits = "fewest certified digits, MathNet normal equations";
    public const string Coverage = "coverage of the 95% interval for β₁ (simulated)";
    public const string NullRejection = "rejection rate of the true null β₃ = 0 at 0.05 (simulated)";

    public string GoalId => "4.6-1";
    public string Title => "Least squares with standard errors, tests and intervals, against the NIST certified Longley values";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        context.Report(0.1, "Longley against NIST");
        var fit = LongleyPart(context, finding);
        context.Report(0.3, "p-values against the distributions");
        PValuePart(finding, fit);
        BugAndInputPart(finding);
        cancellationToken.ThrowIfCancellationRequested();
        context.Report(0.5, "coverage by simulation");
        var replications = context.Size(1_000, 10_000);
        SimulationPart(context, finding, replications, cancellationToken);
        return Task.FromResult(finding.Build(
            $"OLS by Householder QR fitted the 16 Longley rows and was compared with all {LongleyCertification.Compare(fit).Count} values NIST certifies and with MathNet's QR and normal-equations fits; " +
            $"its p-values were set beside MathNet's t and F distributions, two planted inference bugs and three bad inputs were run, and {replications} simulated data sets measured interval coverage and the null rejection rate."));
    }

    private static RegressionFit LongleyPart(ExperimentContext context, FindingBuilder finding)
    {
        var x = LongleyData.Predictors();
        var y = LongleyData.Response();
        var fit = new OrdinaryLeastSquares().Fit(x, y, LongleyData.PredictorNames);
        var agreement = LongleyCertification.Compare(fit);
        var rows = agreement.Select(a => new object?[]
        {
            a.Quantity, a.Computed.ToString("G15", CultureInfo.InvariantCulture), a.Certified.ToString("G15", CultureInfo.InvariantCulture), Math.Round(a.Digits, 1),
        }).ToList();
        finding.Table(FindingTable.Of("Longley: this lab's OLS beside the NIST StRD certified values", ["quantity", "computed", "certified (NIST)", "digits agreeing"], rows));
        foreach (var group in agreement.GroupBy(a => a.Quantity.StartsWith("β", StringComparison.Ordinal) ? "every coefficient" : a.Quantity.StartsWith("se", StringComparison.Ordinal) ? "every standard error" : a.Quantity))
        {
            var fewest = group.Min(a => a.Digits);
            finding.Check(fewest >= LongleyCertification.RequiredDigits, $"Longley, {group.Key}: agrees with NIST to {fewest:0.0} significant digits (≥ {LongleyCertification.RequiredDigits})");
        }
        var fewestDigits = agreement.Min(a => a.Digits);
        finding.Figure(FewestDigits, fewestDigits, "digits", key: true, target: $"≥ {LongleyCertification.RequiredDigits}");

        var mathNetQr = MultipleRegression.QR(x, y, intercept: true);
        var mathNetNormal = MultipleRegression.NormalEquations(x, y, intercept: true);
        var sharedWithQr = Enumerable.Range(0, mathNetQr.Length).Min(j => CertifiedAgreement.DigitsOfAgreement(fit.Coefficients[j], mathNetQr[j]));
        var qrCertified = Enumerable.Range(0, mathNetQr.Length).Min(j => CertifiedAgreement.DigitsOfAgreement(mathNetQr[j], LongleyData.CertifiedCoefficients[j]));
        var normalCertified = Enumerable.Range(0, mathNetNormal.Length).Min(j => CertifiedAgreement.DigitsOfAgreement(mathNetNormal[j], LongleyData.CertifiedCoefficients[j]));
        finding.Check(sharedWithQr >= LongleyCertification.RequiredDigits, $"the coefficients agree with MathNet's MultipleRegression.QR to {sharedWithQr:0.0} digits");
        finding.Figure(MathNetQrDigits, sharedWithQr, "digits", key: true, target: $"≥ {LongleyCertification.RequiredDigits}");
        finding.Figure(NormalEquationsDigits, normalCertified, "digits");
        finding.Note($"MathNet's QR regression matches NIST's coefficients to {qrCertified:0.0} digits; its normal equations (XᵀX formed, condition number squared) to {normalCertified:0.0}.");

        var plot = new ScottPlot.Plot();
        var positions = Enumerable.Range(0, 7).Select(j => (double)j).ToArray();
        void Series(string name, Func<int, double> digits, ScottPlot.MarkerShape shape)
        {
            var s = plot.Add.Scatter(positions, positions.Select(j => digits((int)j)).ToArray());
            s.LineWidth = 0;
            s.MarkerSize = 10;
            s.MarkerShape = shape;
            s.LegendText = name;
        }
        Series("this lab (Householder QR)", j => agreement[j].Digits, ScottPlot.MarkerShape.FilledCircle);
        Series("MathNet MultipleRegression.QR", j => CertifiedAgreement.DigitsOfAgreement(mathNetQr[j], LongleyData.CertifiedCoefficients[j]), ScottPlot.MarkerShape.OpenSquare);
        Series("MathNet MultipleRegression.NormalEquations", j => CertifiedAgreement.DigitsOfAgreement(mathNetNormal[j], LongleyData.CertifiedCoefficients[j]), ScottPlot.MarkerShape.FilledTriangleUp);
        var required = plot.Add.HorizontalLine(LongleyCertification.RequiredDigits);
        required.LegendText = "required: 7 digits";
        plot.Axes.Bottom.SetTicks(positions, LongleyData.CoefficientNames.Select((n, j) => $"β{j} {n}").ToArray());
        plot.Axes.SetLimitsY(0, 16);
        plot.Title("Longley: significant digits shared with the NIST certified coefficients");
        plot.YLabel("digits (log relative error)");
        plot.ShowLegend(ScottPlot.Alignment.LowerLeft);
        finding.Plot(context.SavePlot(plot, "longley-digits.png", "Digits of each Longley coefficient that agree with NIST, per method; the normal equations form XᵀX, whose condition number is the square of X's"));
        return fit;
    }

    private static void PValuePart(FindingBuilder finding, RegressionFit fit)
    {
        var worst = 0.0;
        for (var j = 0; j < fit.Coefficients.Count; j++)
        {
            var reference = 2 * StudentT.CDF(0, 1, fit.ResidualDegreesOfFreedom, -Math.Abs(fit.TStatistics[j]));
            worst = Math.Max(worst, Math.Abs(fit.PValues[j] - reference) / reference);
        }
        finding.Check(worst <= 1e-8, $"Longley: every two-sided t-test p-value equals 2·P(T ≤ −|t|) from MathNet's Student t to a relative {worst:G2}");
        var fReference = 1 - FisherSnedecor.CDF(fit.RegressionDegreesOfFreedom, fit.ResidualDegreesOfFreedom, fit.FStatistic);
        var fGap = Math.Abs(fit.FPValue - fReference) / fit.FPValue;
        finding.Check(fGap <= 1e-5, $"Longley: the F test's p-value {fit.FPValue:G4} equals 1 − CDF of MathNet's F({fit.RegressionDegreesOfFreedom}, {fit.ResidualDegreesOfFreedom}) to a relative {fGap:G2}");
        var critical = StudentT.InvCDF(0, 1, fit.ResidualDegreesOfFreedom, 0.975);
        var widthGap = Enumerable.Range(0, fit.Coefficients.Count).Max(j =>
            Math.Abs((fit.ConfidenceIntervals[j].Upper - fit.ConfidenceIntervals[j].Lower) / (2 * critical * LongleyData.CertifiedStandardErrors[j]) - 1));
        finding.Check(widthGap <= 1e-7, $"Longley: every 95% interval is β̂ ± t(0.975, 9)·se with the certified se, to a relative {widthGap:G2}");
        finding.Table(FindingTable.Of("Longley: the coefficient table (95% intervals)", ["coefficient", "estimate", "se", "t", "p", "lower", "upper"],
            Enumerable.Range(0, fit.Coefficients.Count).Select(j => new object?[]
            {
                LongleyData.CoefficientNames[j], fit.Coefficients[j].ToString("G10", CultureInfo.InvariantCulture), fit.StandardErrors[j].ToString("G10", CultureInfo.InvariantCulture),
                Math.Round(fit.TStatistics[j], 4), fit.PValues[j].ToString("G4", CultureInfo.InvariantCulture),
                fit.ConfidenceIntervals[j].Lower.ToString("G8", CultureInfo.InvariantCulture), fit.ConfidenceIntervals[j].Upper.ToString("G8", CultureInfo.InvariantCulture),
            }).ToList()));
    }

    private static void BugAndInputPart(FindingBuilder finding)
    {
        var x = LongleyData.Predictors();
        var y = LongleyData.Response();
        foreach (var bug in new[] { RegressionBug.VarianceOverN, RegressionBug.UncentredTotal })
        {
            var digits = LongleyCertification.FewestDigits(new OrdinaryLeastSquares(bug: bug).Fit(x, y));
            finding.Check(digits < LongleyCertification.RequiredDigits, $"the NIST comparison catches the planted bug {bug} (fewest digits {digits:0.0})");
        }
        var ols = new OrdinaryLeastSquares();
        RefusalChecks.Expect<SingularDesignException>(finding, "Longley with GNP entered twice (once in thousands)", () => ols.Fit(x.Select(r => (double[])[.. r, r[1] / 1000]).ToArray(), y));
        RefusalChecks.Expect<TooFewRowsException>(finding, "the first 7 Longley rows for 7 coefficients", () => ols.Fit(x.Take(7).ToArray(), y.Take(7).ToArray()));
        RefusalChecks.Expect<ObservationShapeException>(finding, "Longley with one response missing", () => ols.Fit(x, y.Take(15).ToArray()));
    }

    private static void SimulationPart(ExperimentContext context, FindingBuilder finding, int replications, CancellationToken cancellationToken)
    {
        var random = new Random(context.Seed);
        var ols = new OrdinaryLeastSquares();
        var covered = 0;
        var rejected = 0;
        var nullPValues = new List<double>(replications);
        for (var r = 0; r < replications; r++)
        {
            if (r % 500 == 0) cancellationToken.ThrowIfCancellationRequested();
            var data = SyntheticRegression.Draw(20, context.Seed + 1, random);
            var fit = ols.Fit(data.Predictors, data.Response);
            var (lower, upper) = fit.ConfidenceIntervals[1];
            if (lower <= SyntheticRegression.TrueCoefficients[1] && SyntheticRegression.TrueCoefficients[1] <= upper) covered++;
            if (fit.PValues[3] < 0.05) rejected++;
            nullPValues.Add(fit.PValues[3]);
        }
        var coverage = (double)covered / replications;
        var rejection = (double)rejected / replications;
        var coverageSlack = 4 * Math.Sqrt(0.95 * 0.05 / replications);
        finding.Figure(Coverage, coverage, "", key: true, target: $"0.95 ± {coverageSlack:0.###}");
        finding.Figure(NullRejection, rejection, "", key: true, target: $"0.05 ± {coverageSlack:0.###}");
        finding.Check(Math.Abs(coverage - 0.95) <= coverageSlack, $"the 95% interval for β₁ covered the true value in {coverage:P2} of {replications} simulated data sets (0.95 ± 4 binomial standard errors)");
        finding.Check(Math.Abs(rejection - 0.05) <= coverageSlack, $"the t test rejected the true null β₃ = 0 at level 0.05 in {rejection:P2} of them (0.05 ± 4 binomial standard errors)");

        var plot = new ScottPlot.Plot();
        const int bins = 20;
        var counts = new double[bins];
        foreach (var p in nullPValues) counts[Math.Min(bins - 1, (int)(p * bins))]++;
        for (var b = 0; b < bins; b++)
            plot.Add.Bar(new ScottPlot.Bar { Position = (b + 0.5) / bins, Value = counts[b], Size = 1.0 / bins * 0.9, FillColor = ScottPlot.Colors.SteelBlue });
        var expected = plot.Add.HorizontalLine((double)replications / bins);
        expected.LegendText = "uniform: n / 20 per bin";
        plot.Title($"p-values of the true null β₃ = 0 over {replications} simulated data sets");
        plot.XLabel("p-value");
        plot.YLabel("data sets");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(plot, "null-p-values.png", "Under a true null hypothesis the t test's p-values are uniform on [0, 1]"));
    }
}
