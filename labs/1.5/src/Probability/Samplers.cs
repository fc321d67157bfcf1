namespace StatelessMind.Labs.MathFoundations.Probability;

/// <summary>
/// Random variates from uniform ones, by the classic constructions: Box–Muller for the normal, inversion of the CDF for
/// the exponential, a sum of Bernoulli trials for the binomial, and Knuth's product of uniforms for the Poisson.
/// MathNet's samplers are the library's; these are the lab's, and both are held to the same tests.
/// </summary>
public sealed class Samplers(Random random, SamplerBug bug = SamplerBug.None)
{
    private double? _spare;

    /// <summary>A uniform in (0, 1]: never 0, so that ln u is finite.</summary>
    private double OpenUniform() => 1.0 - random.NextDouble();

    public double Normal(double mean, double sigma)
    {
        if (!(sigma > 0)) throw new DistributionParameterException("Normal", "sigma", sigma, "a positive standard deviation");
        var z = StandardNormal();
        return bug == SamplerBug.NormalScaleForgotten ? mean + z : mean + sigma * z;
    }

    /// <summary>Box–Muller: two uniforms give two independent standard normals; the second is kept for the next call.</summary>
    public double StandardNormal()
    {
        if (_spare is { } spare)
        {
            _spare = null;
            return spare;
        }
        var (z0, z1) = BoxMuller(OpenUniform(), random.NextDouble());
        _spare = z1;
        return z0;
    }

    /// <summary>R = √(−2 ln u₁), θ = 2πu₂; (R cos θ, R sin θ) are independent N(0, 1).</summary>
    internal static (double, double) BoxMuller(double u1, double u2)
    {
        #region Exercise 1.5-3a: Box-Muller, a radius from -2 ln u1 and an angle from u2 (tests: SamplerTests.Box*, SamplerTests.Normal*)
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        var angle = 2.0 * Math.PI * u2;
        return (radius * Math.Cos(angle), radius * Math.Sin(angle));
        #endregion
    }

    /// <summary>Inversion: if U is uniform, F⁻¹(U) has CDF F; for the exponential F⁻¹(u) = −ln(1 − u)/λ.</summary>
    public double Exponential(double rate)
    {
        if (!(rate > 0)) throw new DistributionParameterException("Exponential", "rate", rate, "a positive rate λ");
        return -Math.Log(OpenUniform()) / rate;
    }

    public int Binomial(int trials, double p)
    {
        if (trials < 0) throw new DistributionParameterException("Binomial", "n", trials, "a number of trials ≥ 0");
        if (p is < 0 or > 1 or double.NaN) throw new DistributionParameterException("Binomial", "p", p, "a probability in [0, 1]");
        return BernoulliSum(bug == SamplerBug.BinomialOneTrialShort ? trials - 1 : trials, p);
    }

    public int Poisson(double lambda)
    {
        if (!(lambda > 0) || lambda > 500) throw new DistributionParameterException("Poisson", "lambda", lambda, "a rate in (0, 500] (the product method underflows beyond)");
        return KnuthPoisson(lambda);
    }

    /// <summary>The number of successes in <paramref name="trials"/> independent trials of probability p.</summary>
    internal int BernoulliSum(int trials, double p)
    {
        #region Exercise 1.5-3b: the discrete samplers - count successes of n Bernoulli trials (tests: SamplerTests.Binomial*, SamplerTests.Poisson*)
        var successes = 0;
        for (var i = 0; i < trials; i++)
            if (random.NextDouble() < p) successes++;
        return successes;
        #endregion
    }

    /// <summary>Knuth: multiply uniforms until the product falls below e^(−λ); the number of factors minus one is Poisson(λ).</summary>
    internal int KnuthPoisson(double lambda)
    {
        var limit = Math.Exp(-lambda);
        var k = 0;
        var product = OpenUniform();
        while (product > limit)
        {
            k++;
            product *= OpenUniform();
        }
        return k;
    }
}
