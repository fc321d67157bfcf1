namespace StatelessMind.Labs.LearningData.Unsupervised;

/// <summary>
/// The silhouette (Rousseeuw, 1987): for each point, a = its mean distance to the other members of its cluster,
/// b = its mean distance to the members of the nearest other cluster, s = (b − a) / max(a, b) ∈ [−1, 1]; a point alone
/// in its cluster scores 0. The data set's silhouette is the mean over points: near 1 for tight, well-separated
/// clusters, near 0 for overlapping ones, negative when points sit in the wrong cluster. Needs no true labels.
/// </summary>
public static class ClusterQuality
{
    public static double Silhouette(IReadOnlyList<float[]> points, IReadOnlyList<int> clusters)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(clusters);
        if (points.Count != clusters.Count) throw new ArgumentException($"{points.Count} points but {clusters.Count} cluster assignments.", nameof(clusters));
        if (clusters.Distinct().Count() < 2) throw new ArgumentException("The silhouette needs at least two clusters.", nameof(clusters));
        #region Exercise 1.6-1d: the mean over points of (b - a) / max(a, b), with a lone point scoring 0 (tests: SilhouetteTests)
        var n = points.Count;
        var labels = clusters.Distinct().Order().ToArray();
        var sizes = labels.ToDictionary(l => l, l => clusters.Count(c => c == l));
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var sums = labels.ToDictionary(l => l, _ => 0.0);
            for (var j = 0; j < n; j++)
                if (j != i) sums[clusters[j]] += Distance(points[i], points[j]);
            var own = clusters[i];
            if (sizes[own] == 1) continue; // a lone point's silhouette is 0
            var a = sums[own] / (sizes[own] - 1);
            var b = labels.Where(l => l != own).Min(l => sums[l] / sizes[l]);
            total += (b - a) / Math.Max(a, b);
        }
        return total / n;
        #endregion
    }

    /// <summary>Euclidean distance.</summary>
    public static double Distance(float[] x, float[] y)
    {
        var sum = 0.0;
        for (var k = 0; k < x.Length; k++)
        {
            var d = (double)x[k] - y[k];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }
}
