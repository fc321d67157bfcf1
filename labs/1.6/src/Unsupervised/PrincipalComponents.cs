using Microsoft.ML;
using StatelessMind.Labs.LearningData.Data;
using StatelessMind.Labs.LearningData.Supervised;

namespace StatelessMind.Labs.LearningData.Unsupervised;

/// <summary>
/// PCA with ML.NET's ProjectToPrincipalComponents (randomised PCA, Halko et al.) on standardised features. ML.NET returns
/// the projections but not the explained variance; it is measured here: the variance of each projected coordinate over
/// the variance of all standardised features together. Because the components are orthonormal, that is the
/// component's eigenvalue over the covariance matrix's trace.
/// </summary>
public static class PrincipalComponents
{
    public static PcaResult Project(MLContext ml, TabularDataset data, int rank, int seed)
    {
        // Oversampling by the feature count makes the randomised range finder span the whole space: the result is exact.
        var model = ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
            .Append(ml.Transforms.ProjectToPrincipalComponents("Pca", "Features", rank: rank, overSampling: data.FeatureCount,
                ensureZeroMean: true, seed: seed))
            .Fit(MlData.ToDataView(ml, data));
        var transformed = model.Transform(MlData.ToDataView(ml, data));
        var standardised = MlData.Vectors(transformed, "Features");
        var projections = MlData.Vectors(transformed, "Pca");
        return new PcaResult(projections, ExplainedVarianceRatios(standardised, projections));
    }

    /// <summary>For each projected coordinate j: its variance divided by the sum of the variances of the original features.</summary>
    public static double[] ExplainedVarianceRatios(IReadOnlyList<float[]> features, IReadOnlyList<float[]> projections)
    {
        if (features.Count != projections.Count || features.Count < 2)
            throw new ArgumentException($"{features.Count} feature rows and {projections.Count} projections: two or more of each, one per row, are needed.");
        #region Exercise 1.6-1e: explained variance ratio of each component: var(projection j) / sum over features of var(feature i) (tests: ExplainedVarianceTests)
        var total = Enumerable.Range(0, features[0].Length).Sum(i => Variance(features.Select(r => (double)r[i])));
        return [.. Enumerable.Range(0, projections[0].Length).Select(j => Variance(projections.Select(r => (double)r[j])) / total)];
        #endregion
    }

    /// <summary>Sample variance (n − 1).</summary>
    public static double Variance(IEnumerable<double> values)
    {
        var xs = values.ToArray();
        var mean = xs.Average();
        return xs.Sum(x => (x - mean) * (x - mean)) / (xs.Length - 1);
    }
}
