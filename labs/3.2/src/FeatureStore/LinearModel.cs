namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>The sample model fed by the feature store: ordinary least squares with an intercept, solved from the normal
/// equations by Gaussian elimination with partial pivoting.</summary>
public sealed record LinearModel(double[] Weights)
{
    public static LinearModel Fit(IReadOnlyList<double[]> features, IReadOnlyList<double> labels)
    {
        var width = features[0].Length + 1;
        var a = new double[width, width + 1];
        for (var i = 0; i < features.Count; i++)
        {
            double[] x = [1, .. features[i]];
            for (var r = 0; r < width; r++)
            {
                for (var c = 0; c < width; c++) a[r, c] += x[r] * x[c];
                a[r, width] += x[r] * labels[i];
            }
        }
        for (var col = 0; col < width; col++)
        {
            var pivot = Enumerable.Range(col, width - col).MaxBy(r => Math.Abs(a[r, col]));
            for (var c = 0; c <= width; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            if (Math.Abs(a[col, col]) < 1e-12) throw new InvalidOperationException($"The features are collinear (column {col}): least squares has no unique solution.");
            for (var r = 0; r < width; r++)
            {
                if (r == col) continue;
                var factor = a[r, col] / a[col, col];
                for (var c = col; c <= width; c++) a[r, c] -= factor * a[col, c];
            }
        }
        return new LinearModel([.. Enumerable.Range(0, width).Select(r => a[r, width] / a[r, r])]);
    }

    public double Predict(double[] features) => Weights[0] + features.Select((x, i) => x * Weights[i + 1]).Sum();

    /// <summary>The coefficient of determination of the predictions on the given rows.</summary>
    public double RSquared(IReadOnlyList<double[]> features, IReadOnlyList<double> labels)
    {
        var mean = labels.Average();
        var residual = features.Select((x, i) => Math.Pow(labels[i] - Predict(x), 2)).Sum();
        var total = labels.Sum(y => Math.Pow(y - mean, 2));
        return 1 - residual / total;
    }
}
