namespace StatelessMind.Labs.StochasticStatistics.Regression;

/// <summary>Sets a fit of the Longley data beside every value NIST certifies for it.</summary>
public static class LongleyCertification
{
    /// <summary>The digits of agreement the goal asks for: seven significant digits on every certified value.</summary>
    public const double RequiredDigits = 7;

    public static IReadOnlyList<CertifiedAgreement> Compare(RegressionFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var rows = new List<CertifiedAgreement>();
        for (var j = 0; j < LongleyData.CertifiedCoefficients.Count; j++)
            rows.Add(new($"β{j} ({LongleyData.CoefficientNames[j]})", fit.Coefficients[j], LongleyData.CertifiedCoefficients[j]));
        for (var j = 0; j < LongleyData.CertifiedStandardErrors.Count; j++)
            rows.Add(new($"se(β{j})", fit.StandardErrors[j], LongleyData.CertifiedStandardErrors[j]));
        rows.Add(new("residual standard deviation", fit.ResidualStandardDeviation, LongleyData.CertifiedResidualStandardDeviation));
        rows.Add(new("R²", fit.RSquared, LongleyData.CertifiedRSquared));
        rows.Add(new("regression sum of squares", fit.RegressionSumOfSquares, LongleyData.CertifiedRegressionSumOfSquares));
        rows.Add(new("residual sum of squares", fit.ResidualSumOfSquares, LongleyData.CertifiedResidualSumOfSquares));
        rows.Add(new("regression mean square", fit.RegressionMeanSquare, LongleyData.CertifiedRegressionMeanSquare));
        rows.Add(new("residual mean square", fit.ResidualMeanSquare, LongleyData.CertifiedResidualMeanSquare));
        rows.Add(new("F statistic", fit.FStatistic, LongleyData.CertifiedFStatistic));
        rows.Add(new("regression degrees of freedom", fit.RegressionDegreesOfFreedom, LongleyData.CertifiedRegressionDegreesOfFreedom));
        rows.Add(new("residual degrees of freedom", fit.ResidualDegreesOfFreedom, LongleyData.CertifiedResidualDegreesOfFreedom));
        return rows;
    }

    /// <summary>The fewest digits any certified quantity shares with the fit.</summary>
    public static double FewestDigits(RegressionFit fit) => Compare(fit).Min(a => a.Digits);

    public static bool MeetsCertification(RegressionFit fit) => FewestDigits(fit) >= RequiredDigits;
}
