namespace StatelessMind.Labs.LearningData.Unsupervised;

/// <summary>How well clusters found without labels match the true classes: each cluster is named after its most
/// frequent class, and purity is the share of points whose class is their cluster's name (1 = the classes recovered).</summary>
public static class ClusterPurity
{
    public static double Of(IReadOnlyList<int> clusters, IReadOnlyList<int> classes)
    {
        if (clusters.Count != classes.Count || clusters.Count == 0) throw new ArgumentException("One class per clustered point is needed.");
        var agreeing = Enumerable.Range(0, clusters.Count).GroupBy(i => clusters[i])
            .Sum(g => g.GroupBy(i => classes[i]).Max(c => c.Count()));
        return agreeing / (double)clusters.Count;
    }
}
