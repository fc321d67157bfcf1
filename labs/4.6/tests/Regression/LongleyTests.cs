using MathNet.Numerics.LinearRegression;
using StatelessMind.Labs.StochasticStatistics.Regression;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Regression;

public sealed class LongleyTests
{
    private static RegressionFit Fit(RegressionBug bug = RegressionBug.None) =>
        new OrdinaryLeastSquares(bug: bug).Fit(LongleyData.Predictors(), LongleyData.Response());

    [Fact]
    [Goal("4.6-1")]
    public void Every_certified_value_is_matched_to_seven_significant_digits()
    {
        var agreement = LongleyCertification.Compare(Fit());
        Assert.Equal(23, agreement.Count);
        foreach (var a in agreement)
            Assert.True(a.Digits >= 7, $"{a.Quantity}: {a.Computed:G15} against {a.Certified:G15} ({a.Digits:0.0} digits)");
    }

    [Fact]
    [Goal("4.6-1")]
    public void The_coefficients_agree_with_mathnets_qr_regression()
    {
        var fit = Fit();
        var mathNet = MultipleRegression.QR(LongleyData.Predictors(), LongleyData.Response(), intercept: true);
        for (var j = 0; j < 7; j++) Assert.True(CertifiedAgreement.DigitsOfAgreement(fit.Coefficients[j], mathNet[j]) >= 7, $"β{j}");
    }

    [Fact]
    [Goal("4.6-1")]
    public void The_certification_catches_variance_over_n()
    {
        var fit = Fit(RegressionBug.VarianceOverN);
        Assert.False(LongleyCertification.MeetsCertification(fit));
        // The coefficients do not depend on σ̂², only the standard errors do.
        Assert.True(LongleyCertification.Compare(fit).Where(a => a.Quantity.StartsWith('β')).All(a => a.Digits >= 7));
    }

    [Fact]
    [Goal("4.6-1")]
    public void The_certification_catches_the_uncentred_total()
    {
        var fit = Fit(RegressionBug.UncentredTotal);
        Assert.False(LongleyCertification.MeetsCertification(fit));
        Assert.True(LongleyCertification.Compare(fit).Single(a => a.Quantity == "R²").Digits < 7);
    }
}
