using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.LearningData.Unsupervised;

/// <summary>An independent reference for PCA: the eigenvalues of the standardised features' covariance matrix
/// (MathNet's symmetric eigendecomposition), largest first, each over their sum — the explained variance ratios.</summary>
public static class EigenReference
{
    public static double[] ExplainedVarianceRatios(IReadOnlyList<float[]> features)
    {
        var n = features.Count;
        var d = features[0].Length;
        var x = Matrix<double>.Build.Dense(n, d, (i, j) => features[i][j]);
        var means = x.ColumnSums() / n;
        var centred = x - Matrix<double>.Build.Dense(n, d, (_, j) => means[j]);
        var stds = Vector<double>.Build.Dense(d, j => Math.Sqrt(centred.Column(j).DotProduct(centred.Column(j)) / (n - 1)));
        var standardised = Matrix<double>.Build.Dense(n, d, (i, j) => stds[j] > 0 ? centred[i, j] / stds[j] : 0);
        var covariance = standardised.TransposeThisAndMultiply(standardised) / (n - 1);
        var eigenvalues = covariance.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).OrderDescending().ToArray();
        var trace = eigenvalues.Sum();
        return [.. eigenvalues.Select(e => e / trace)];
    }
}
