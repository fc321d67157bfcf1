using StatelessMind.Labs.Scalability.LoadParameters;

namespace StatelessMind.Labs.Scalability.Tests.LoadParameters;

/// <summary>Exercise 1.1.2-1b: the fit recovers the parameters of curves made from the law itself.</summary>
public sealed class ScalingLawFitTests
{
    private static (int, double)[] Curve(double lambda, double sigma, double kappa, params int[] ns) =>
        [.. ns.Select(n => (n, lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1))))];

    [Fact]
    [Goal("1.1.2-1")]
    public void The_universal_law_is_recovered_exactly_from_its_own_curve()
    {
        var fit = ScalingLawFit.Universal(Curve(1000, 0.05, 0.002, 1, 2, 4, 8, 16, 32));
        Assert.Equal(1000, fit.Lambda, 6);
        Assert.Equal(0.05, fit.Sigma, 9);
        Assert.Equal(0.002, fit.Kappa, 9);
        Assert.Equal(1.0, fit.RSquared, 9);
        Assert.Equal(Math.Sqrt(0.95 / 0.002), fit.PeakConcurrency, 6);
    }

    [Fact]
    [Goal("1.1.2-1")]
    public void Amdahls_law_is_the_case_without_coherency_cost()
    {
        var fit = ScalingLawFit.Amdahl(Curve(50, 0.2, 0, 1, 2, 3, 4, 8));
        Assert.Equal(0.2, fit.Sigma, 9);
        Assert.Equal(0, fit.Kappa);
        Assert.Equal(5, fit.AmdahlSpeedupLimit, 9);
    }

    [Fact]
    [Goal("1.1.2-1")]
    public void Perfect_scaling_fits_zero_serial_fraction_and_coefficients_stay_non_negative()
    {
        var linear = ScalingLawFit.Universal(Curve(10, 0, 0, 1, 2, 4, 8));
        Assert.Equal(0, linear.Sigma, 9);
        Assert.Equal(0, linear.Kappa, 9);
        // Superlinear points would need a negative σ; the fit keeps the parameters ≥ 0.
        var super = ScalingLawFit.Universal([(1, 10.0), (2, 21.0), (4, 44.0)]);
        Assert.True(super.Sigma >= 0 && super.Kappa >= 0);
    }

    [Fact]
    [Goal("1.1.2-1")]
    public void A_curve_without_a_point_at_one_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => ScalingLawFit.Universal([(2, 10.0), (4, 15.0)]));
        Assert.Contains("N = 1", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ScalingLawFit.Amdahl([(1, 10.0), (2, -1.0)]));
    }
}
