using StatelessMind.Labs.MathFoundations.Probability;

namespace StatelessMind.Labs.MathFoundations.Tests.Probability;

[Goal("1.5-3")]
public sealed class KolmogorovSmirnovTests
{
    [Fact]
    public void The_statistic_of_a_hand_worked_sample_looks_on_both_sides_of_each_step()
    {
        // Uniform CDF F(x) = x; sample {0.1, 0.2, 0.9}: gaps after each step 1/3 − 0.1, 2/3 − 0.2, 1 − 0.9 and
        // before each step 0.1 − 0, 0.2 − 1/3, 0.9 − 2/3: the largest is 2/3 − 0.2 = 0.4667.
        Assert.Equal(2.0 / 3 - 0.2, KolmogorovSmirnovTest.Statistic([0.1, 0.2, 0.9], x => x), 12);
    }

    [Fact]
    public void Uniform_samples_fit_the_uniform_and_not_a_shifted_one()
    {
        var random = new Random(5);
        var x = Enumerable.Range(0, 5_000).Select(_ => random.NextDouble()).ToArray();
        Assert.True(KolmogorovSmirnovTest.Test(x, v => Math.Clamp(v, 0, 1)).Fits(DistributionsExperiment.Alpha));
        Assert.False(KolmogorovSmirnovTest.Test(x, v => Math.Clamp(v - 0.05, 0, 1)).Fits(DistributionsExperiment.Alpha));
    }

    [Fact]
    public void The_kolmogorov_tail_has_its_tabulated_critical_values()
    {
        // The 5 % and 1 % critical values of √n·D are 1.358 and 1.628 (Kolmogorov's distribution).
        Assert.Equal(0.05, KolmogorovSmirnovTest.KolmogorovTail(1.3581), 3);
        Assert.Equal(0.01, KolmogorovSmirnovTest.KolmogorovTail(1.6276), 3);
    }
}
