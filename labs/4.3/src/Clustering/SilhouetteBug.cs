namespace StatelessMind.Labs.MassiveData.Clustering;

/// <summary>A planted mistake of the silhouette (tests and the experiment's bug run only).</summary>
public enum SilhouetteBug
{
    None,

    /// <summary>b(i), the distance to the nearest other cluster, is taken over all clusters including the point's own:
    /// then b ≤ a and every silhouette is ≤ 0.</summary>
    NearestClusterIncludesOwn,
}
