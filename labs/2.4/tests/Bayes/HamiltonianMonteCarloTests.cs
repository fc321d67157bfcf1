using StatelessMind.Labs.NumericalMethods.Bayes;

namespace StatelessMind.Labs.NumericalMethods.Tests.Bayes;

public sealed class HamiltonianMonteCarloTests
{
    // U(q) = q²/2: a harmonic oscillator whose exact flow is a rotation, q(t) = q₀ cos t + p₀ sin t.
    private static readonly TargetDensity StandardNormal = new(1, x => -0.5 * x[0] * x[0], x => [-x[0]]);

    [Fact]
    [Goal("2.4-1")]
    public void Leapfrog_follows_the_exact_flow_with_second_order_error()
    {
        var hmc = new HamiltonianMonteCarlo(StandardNormal);
        double Error(double step)
        {
            var steps = (int)Math.Round(1 / step);
            var (q, p) = hmc.Leapfrog([1.0], [0.5], step, steps);
            return Math.Abs(q[0] - (Math.Cos(1) + 0.5 * Math.Sin(1))) + Math.Abs(p[0] - (-Math.Sin(1) + 0.5 * Math.Cos(1)));
        }
        var coarse = Error(0.1);
        var fine = Error(0.05);
        Assert.True(coarse < 0.01, $"error {coarse} at ε = 0.1");
        Assert.InRange(coarse / fine, 3.5, 4.5); // halving ε quarters the error: order 2
    }

    [Fact]
    [Goal("2.4-1")]
    public void Leapfrog_is_reversible_and_nearly_conserves_energy()
    {
        var hmc = new HamiltonianMonteCarlo(StandardNormal);
        var (q, p) = hmc.Leapfrog([1.3], [-0.4], 0.2, 25);
        var (back, backMomentum) = hmc.Leapfrog(q, [-p[0]], 0.2, 25);
        Assert.Equal(1.3, back[0], 10);
        Assert.Equal(0.4, backMomentum[0], 10);
        double Energy(double x, double m) => 0.5 * x * x + 0.5 * m * m;
        Assert.True(Math.Abs(Energy(q[0], p[0]) - Energy(1.3, -0.4)) < 0.02);
    }

    [Fact]
    [Goal("2.4-1")]
    public void Leapfrog_leaves_its_inputs_unchanged()
    {
        double[] q = [1.0], p = [2.0];
        new HamiltonianMonteCarlo(StandardNormal).Leapfrog(q, p, 0.1, 5);
        Assert.Equal(1.0, q[0]);
        Assert.Equal(2.0, p[0]);
    }

    [Fact]
    [Goal("2.4-1")]
    public void A_chain_on_a_correlated_two_dimensional_normal_recovers_its_covariance()
    {
        // Σ = [[1, 0.8], [0.8, 1]]: log π = −½ xᵀ Σ⁻¹ x with Σ⁻¹ = [[1, −0.8], [−0.8, 1]] / 0.36.
        var target = new TargetDensity(2,
            x => -0.5 * (x[0] * x[0] - 1.6 * x[0] * x[1] + x[1] * x[1]) / 0.36,
            x => [-(x[0] - 0.8 * x[1]) / 0.36, -(x[1] - 0.8 * x[0]) / 0.36]);
        var chain = new HamiltonianMonteCarlo(target).Run([2, -2], 1000, 8000, 0.1, new Random(3));
        var x0 = chain.Coordinate(0);
        var x1 = chain.Coordinate(1);
        var covariance = x0.Zip(x1, (a, b) => a * b).Average() - x0.Average() * x1.Average();
        Assert.InRange(covariance, 0.7, 0.9);
        Assert.InRange(x0.Select(v => v * v).Average(), 0.85, 1.15);
        Assert.InRange(chain.AcceptanceRate, 0.6, 0.95);
    }

    [Fact]
    [Goal("2.4-1")]
    public void The_check_catches_an_acceptance_that_ignores_the_kinetic_energy()
    {
        var model = ConjugateModel.NormalNormal(0, 10, 3, AbTestData.Generate(200, 5).Treatment);
        var (chains, acceptance) = BayesianInferenceExperiment.Sample(model, "HMC", SamplerBug.AcceptanceIgnoresKineticEnergy, 25_000, 5);
        var agreement = PosteriorAgreement.Of(chains, model.Posterior, model.PosteriorQuantile, acceptance);
        Assert.False(agreement.Agrees, $"the planted bug went unnoticed: {agreement}");
        // For a Gaussian posterior the broken chain samples ∝ π²: half the variance.
        Assert.InRange(agreement.SampleVariance / agreement.ExactVariance, 0.4, 0.75);
    }
}
