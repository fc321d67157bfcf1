namespace StatelessMind.Labs.LearningData.Unsupervised;

/// <summary>A PCA projection: each row's coordinates on the first components, and the share of the total variance each
/// component explains.</summary>
public sealed record PcaResult(float[][] Projections, double[] ExplainedVarianceRatios)
{
    public double CumulativeExplainedVariance => ExplainedVarianceRatios.Sum();
}
