using StatelessMind.Labs.NumericalMethods.Bayes;

namespace StatelessMind.Labs.NumericalMethods.Tests.Bayes;

public sealed class MetropolisHastingsTests
{
    private static readonly TargetDensity StandardNormal = new(1, x => -0.5 * x[0] * x[0], x => [-x[0]]);

    [Fact]
    [Goal("2.4-1")]
    public void A_move_uphill_is_always_accepted()
    {
        foreach (var u in new[] { 1e-12, 0.5, 1 - 1e-12 })
            Assert.True(MetropolisHastings.Accepts(-3, -1, u));
    }

    [Fact]
    [Goal("2.4-1")]
    public void A_move_downhill_is_accepted_with_probability_of_the_density_ratio()
    {
        // log ratio −1: accept iff u < e^−1 ≈ 0.3679
        Assert.True(MetropolisHastings.Accepts(-1, -2, 0.36));
        Assert.False(MetropolisHastings.Accepts(-1, -2, 0.37));
    }

    [Fact]
    [Goal("2.4-1")]
    public void A_proposal_outside_the_support_is_never_accepted()
    {
        Assert.False(MetropolisHastings.Accepts(-1, double.NegativeInfinity, 1e-300));
        Assert.False(MetropolisHastings.Accepts(-1, double.NaN, 1e-300));
    }

    [Fact]
    [Goal("2.4-1")]
    public void A_chain_on_a_standard_normal_has_its_mean_and_variance()
    {
        var chain = new MetropolisHastings(StandardNormal).Run([3], 2000, 40_000, 1, new Random(11));
        var draws = chain.Coordinate(0);
        var ess = ChainDiagnostics.EffectiveSampleSize([draws]);
        Assert.InRange(draws.Average(), -4 / Math.Sqrt(ess), 4 / Math.Sqrt(ess));
        Assert.InRange(draws.Select(v => v * v).Average(), 0.9, 1.1);
        Assert.InRange(chain.AcceptanceRate, 0.35, 0.55); // warm-up tuned the step towards 0.44
    }

    [Fact]
    [Goal("2.4-1")]
    public void Both_samplers_agree_with_the_conjugate_posteriors()
    {
        var data = AbTestData.Generate(200, 5);
        foreach (var model in new[] { ConjugateModel.BetaBinomial(2, 3, data.SuccessesA, data.TrialsA), ConjugateModel.NormalNormal(0, 10, 2, data.Control) })
            foreach (var sampler in new[] { "Metropolis–Hastings", "HMC" })
            {
                var (chains, acceptance) = BayesianInferenceExperiment.Sample(model, sampler, SamplerBug.None, 2000, 5);
                var agreement = PosteriorAgreement.Of(chains, model.Posterior, model.PosteriorQuantile, acceptance);
                Assert.True(agreement.Agrees, $"{sampler} on {model.Name}: {agreement}");
            }
    }

    [Fact]
    [Goal("2.4-1")]
    public void The_check_catches_a_sampler_that_records_nothing_on_rejection()
    {
        var model = ConjugateModel.NormalNormal(0, 10, 3, AbTestData.Generate(200, 5).Treatment);
        var (chains, acceptance) = BayesianInferenceExperiment.Sample(model, "Metropolis–Hastings", SamplerBug.RejectionNotRecorded, 25_000, 5);
        var agreement = PosteriorAgreement.Of(chains, model.Posterior, model.PosteriorQuantile, acceptance);
        Assert.False(agreement.Agrees, $"the planted bug went unnoticed: {agreement}");
        Assert.True(agreement.SampleVariance > agreement.ExactVariance, "recording only moves over-weights the tails");
    }
}
