using StatelessMind.Dataflow.Text;

namespace StatelessMind.Labs.Scalability.Partitioning;

/// <summary>The two key laws of the lab: uniform over [0, keySpace), and Zipf (key k with probability ∝ 1/(k+1)^s,
/// so key 0 is the hottest and small keys are hot).</summary>
public static class KeyDistribution
{
    public static int[] Uniform(int count, int keySpace, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.Next(keySpace))];
    }

    public static int[] Zipf(int count, int keySpace, double exponent, int seed)
    {
        var random = new Random(seed);
        var zipf = new ZipfSampler(keySpace, exponent);
        return [.. Enumerable.Range(0, count).Select(_ => zipf.Next(random) - 1)];
    }
}
