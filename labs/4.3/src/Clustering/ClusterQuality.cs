namespace StatelessMind.Labs.MassiveData.Clustering;

/// <summary>Measures of a clustering computed from the points themselves: inertia (the within-cluster sum of squared
/// distances to the centroids, what k-means minimises) and the mean silhouette (Rousseeuw): for each point,
/// s = (b − a) / max(a, b), a its mean distance to its own cluster, b to the nearest other cluster; near 1 when
/// clusters are tight and apart, near 0 or below when they overlap.</summary>
public static class ClusterQuality
{
    public static double Inertia(float[][] points, int[] labels, float[][] centroids)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(centroids);
        #region Exercise 4.3-2a: the sum over points of the squared distance to their own centroid (tests: ClusterQualityTests)
        return points.Select((p, i) => SquaredDistance(p, centroids[labels[i]])).Sum();
        #endregion
    }

    public static double Silhouette(float[][] points, int[] labels, SilhouetteBug bug = SilhouetteBug.None)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        var clusters = labels.Max() + 1;
        var sizes = new int[clusters];
        foreach (var l in labels) sizes[l]++;
        if (sizes.Count(s => s > 0) < 2) return 0; // undefined for one cluster
        var total = 0.0;
        var sums = new double[clusters];
        for (var i = 0; i < points.Length; i++)
        {
            Array.Clear(sums);
            for (var j = 0; j < points.Length; j++)
                if (j != i) sums[labels[j]] += Math.Sqrt(SquaredDistance(points[i], points[j]));
            total += PointSilhouette(sums, sizes, labels[i], bug);
        }
        return total / points.Length;
    }

    /// <summary>One point's silhouette from its summed distances to each cluster (itself excluded) and the cluster sizes.</summary>
    internal static double PointSilhouette(double[] distanceSums, int[] sizes, int own, SilhouetteBug bug)
    {
        if (sizes[own] <= 1) return 0; // a point alone in its cluster
        var b = double.PositiveInfinity;
        for (var c = 0; c < sizes.Length; c++)
            if ((c != own || bug == SilhouetteBug.NearestClusterIncludesOwn) && sizes[c] > 0)
                b = Math.Min(b, distanceSums[c] / (c == own ? sizes[c] - 1 : sizes[c]));
        #region Exercise 4.3-2a: a = mean distance within the own cluster; s = (b − a) / max(a, b) (tests: ClusterQualityTests)
        var a = distanceSums[own] / (sizes[own] - 1);
        return (b - a) / Math.Max(a, b);
        #endregion
    }

    internal static double SquaredDistance(float[] x, float[] y)
    {
        double s = 0;
        for (var d = 0; d < x.Length; d++)
        {
            var diff = x[d] - (double)y[d];
            s += diff * diff;
        }
        return s;
    }
}
