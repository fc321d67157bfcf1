namespace StatelessMind.Labs.MathFoundations.Probability;

/// <summary>Deliberate sampler mistakes (tests only): the goodness-of-fit tests must reject each.</summary>
public enum SamplerBug
{
    None,

    /// <summary>Normal(μ, σ) returns μ + Z instead of μ + σZ: the right centre, the wrong spread.</summary>
    NormalScaleForgotten,

    /// <summary>Binomial(n, p) runs n − 1 trials: the classic off-by-one of a loop bound.</summary>
    BinomialOneTrialShort,
}
