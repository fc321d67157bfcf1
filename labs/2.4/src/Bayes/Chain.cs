namespace StatelessMind.Labs.NumericalMethods.Bayes;

/// <summary>The draws of one Markov chain after warm-up (draw × coordinate), with the share of proposals accepted
/// after warm-up and the step size the warm-up settled on.</summary>
public sealed record Chain(double[][] Draws, double AcceptanceRate, double StepSize)
{
    /// <summary>One coordinate of every draw, mapped by <paramref name="transform"/> (e.g. logit⁻¹ back to p).</summary>
    public double[] Coordinate(int index, Func<double, double>? transform = null) =>
        [.. Draws.Select(d => transform is null ? d[index] : transform(d[index]))];
}
