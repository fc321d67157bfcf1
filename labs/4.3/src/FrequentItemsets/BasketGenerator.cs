using StatelessMind.Dataflow.Text;

namespace StatelessMind.Labs.MassiveData.FrequentItemsets;

/// <summary>
/// Shopping baskets with a stated law, in the spirit of the IBM Quest generator behind FIMI's T10I4D100K: a pool of
/// "patterns" (items bought together; sizes 2–5, items drawn by Zipf popularity s = 1.0), each basket made of one to
/// three patterns picked by Zipf weight (s = 1.1), each pattern item kept with probability 0.9, plus
/// Poisson-distributed noise items (of a stated mean) drawn by popularity.
/// </summary>
public static class BasketGenerator
{
    public static IReadOnlyList<int[]> Generate(int baskets, int items, int patterns, double noise, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 5);
        var random = new Random(seed);
        var popularity = new ZipfSampler(items, 1.0);
        var pool = Enumerable.Range(0, patterns).Select(_ =>
        {
            var size = random.Next(2, 6);
            var set = new HashSet<int>();
            while (set.Count < size) set.Add(popularity.Next(random) - 1);
            return set.ToArray();
        }).ToArray();
        var pick = new ZipfSampler(patterns, 1.1);
        var result = new List<int[]>(baskets);
        for (var b = 0; b < baskets; b++)
        {
            var basket = new SortedSet<int>();
            var count = random.Next(1, 4);
            for (var p = 0; p < count; p++)
                foreach (var item in pool[pick.Next(random) - 1])
                    if (random.NextDouble() < 0.9) basket.Add(item);
            var extra = Poisson(noise, random);
            for (var e = 0; e < extra; e++) basket.Add(popularity.Next(random) - 1);
            result.Add([.. basket]);
        }
        return result;
    }

    private static int Poisson(double mean, Random random)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }
}
