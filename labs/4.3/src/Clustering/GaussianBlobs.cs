namespace StatelessMind.Labs.MassiveData.Clustering;

/// <summary>Points with a stated law: k centres drawn uniformly in [−10, 10]^d, redrawn until
/// every two are at least 6σ√d apart (so the clusters are really there to find), then n points,
/// each from a randomly chosen centre plus Gaussian noise of standard deviation σ in every dimension. The true
/// cluster of each point is returned with it.</summary>
public static class GaussianBlobs
{
    public static (float[][] Points, int[] Labels, float[][] Centres) Generate(int points, int clusters, int dimensions, double sigma, int seed)
    {
        var random = new Random(seed);
        var separation = 6 * sigma * Math.Sqrt(dimensions);
        var centres = new List<float[]>();
        for (var attempt = 0; centres.Count < clusters; attempt++)
        {
            if (attempt > 100_000) throw new ArgumentException($"{clusters} centres {separation:0.#} apart do not fit in [−10, 10]^{dimensions}; use a smaller σ.", nameof(sigma));
            var c = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
            if (centres.All(o => Math.Sqrt(ClusterQuality.SquaredDistance(c, o)) >= separation)) centres.Add(c);
        }
        var labels = new int[points];
        var data = new float[points][];
        for (var i = 0; i < points; i++)
        {
            labels[i] = random.Next(clusters);
            data[i] = centres[labels[i]].Select(c => (float)(c + sigma * Gaussian(random))).ToArray();
        }
        return (data, labels, [.. centres]);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
