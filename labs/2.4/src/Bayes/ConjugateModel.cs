using MathNet.Numerics.Distributions;

namespace StatelessMind.Labs.NumericalMethods.Bayes;

/// <summary>
/// A one-parameter model whose posterior is known in closed form (a conjugate pair), so that MCMC draws can be held
/// against it. The sampler works on an unconstrained coordinate θ; <see cref="ToParameter"/> maps a draw back.
/// </summary>
public sealed record ConjugateModel(
    string Name,
    string Parameter,
    TargetDensity Target,
    Func<double, double> ToParameter,
    IContinuousDistribution Posterior,
    Func<double, double> PosteriorQuantile,
    double Start)
{
    /// <summary>Beta(a, b) prior on a success probability p, k successes in n Bernoulli trials: the posterior is
    /// Beta(a + k, b + n − k). Sampled on θ = logit p, where the density gains the Jacobian p(1 − p):
    /// log π(θ) = (a + k)·log p + (b + n − k)·log(1 − p) + const.</summary>
    public static ConjugateModel BetaBinomial(double a, double b, int successes, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(b);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, successes);
        double alpha = a + successes, beta = b + trials - successes;
        var target = new TargetDensity(1,
            theta => alpha * LogSigmoid(theta[0]) + beta * LogSigmoid(-theta[0]),
            theta => [alpha * Sigmoid(-theta[0]) - beta * Sigmoid(theta[0])]);
        return new ConjugateModel($"Beta({a:0.##}, {b:0.##}) prior, {successes} of {trials} successes", "p", target, Sigmoid,
            new Beta(alpha, beta), p => Beta.InvCDF(alpha, beta, p), Math.Log((successes + 0.5) / (trials - successes + 0.5)));
    }

    /// <summary>Normal data with known σ and a N(μ₀, τ₀²) prior on the mean: the posterior is N(μₙ, τₙ²) with
    /// 1/τₙ² = 1/τ₀² + n/σ² and μₙ = τₙ²(μ₀/τ₀² + Σx/σ²).</summary>
    public static ConjugateModel NormalNormal(double priorMean, double priorSd, double sigma, double[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(priorSd);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        var n = data.Length;
        var sum = data.Sum();
        var precision = 1 / (priorSd * priorSd) + n / (sigma * sigma);
        var mean = (priorMean / (priorSd * priorSd) + sum / (sigma * sigma)) / precision;
        var target = new TargetDensity(1,
            mu => -0.5 * Sq(mu[0] - priorMean) / (priorSd * priorSd) - 0.5 * data.Sum(x => Sq(x - mu[0])) / (sigma * sigma),
            mu => [-(mu[0] - priorMean) / (priorSd * priorSd) + (sum - n * mu[0]) / (sigma * sigma)]);
        return new ConjugateModel($"N({priorMean:0.##}, {priorSd:0.##}²) prior on μ, {n} observations with σ = {sigma:0.##}", "μ", target, v => v,
            new Normal(mean, Math.Sqrt(1 / precision)), p => Normal.InvCDF(mean, Math.Sqrt(1 / precision), p), priorMean);
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private static double LogSigmoid(double x) => x >= 0 ? -Math.Log(1 + Math.Exp(-x)) : x - Math.Log(1 + Math.Exp(x));

    private static double Sq(double v) => v * v;
}
