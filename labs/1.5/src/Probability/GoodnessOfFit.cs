namespace StatelessMind.Labs.MathFoundations.Probability;

/// <summary>The outcome of a goodness-of-fit test: the statistic, its degrees of freedom (χ² only) and the p-value.</summary>
public sealed record GoodnessOfFit(string Test, double Statistic, int DegreesOfFreedom, double PValue, int SampleSize)
{
    /// <summary>Whether the data are consistent with the model at significance α (p ≥ α).</summary>
    public bool Fits(double alpha) => PValue >= alpha;
}
