namespace StatelessMind.Labs.MassiveData.NearDuplicates;

/// <summary>
/// The S-curve measured: for each target similarity s, many pairs of random sets (100 elements each, sharing
/// 200s/(1+s) of them, so their Jaccard similarity is s), signed with fresh hash functions, and the fraction that
/// banding makes candidates — beside 1 − (1 − s^r)^b at the pairs' exact similarities.
/// </summary>
public static class SCurve
{
    public sealed record Point(double Similarity, int Pairs, double Measured, double Theory, double Tolerance);

    public static IReadOnlyList<Point> Measure(LshBanding lsh, int pairsPerPoint, int seed, MinHashBug bug = MinHashBug.None)
    {
        ArgumentNullException.ThrowIfNull(lsh);
        var random = new Random(seed);
        var points = new List<Point>();
        for (var step = 1; step <= 19; step++)
        {
            var target = step / 20.0;
            var candidates = 0;
            var theory = 0.0;
            var similarity = 0.0;
            for (var p = 0; p < pairsPerPoint; p++)
            {
                var (a, b) = PairWithSimilarity(100, target, random);
                var s = Shingles.Jaccard(a, b);
                var hasher = new MinHasher(lsh.SignatureLength, random.Next(), bug, lsh.Rows);
                if (lsh.AreCandidates(hasher.Signature(a), hasher.Signature(b))) candidates++;
                theory += lsh.CandidateProbability(s);
                similarity += s;
            }
            var expected = theory / pairsPerPoint;
            // Four standard errors of a binomial proportion, and never below 0.02.
            var tolerance = Math.Max(0.02, 4 * Math.Sqrt(expected * (1 - expected) / pairsPerPoint));
            points.Add(new Point(similarity / pairsPerPoint, pairsPerPoint, (double)candidates / pairsPerPoint, expected, tolerance));
        }
        return points;
    }

    /// <summary>Two sorted sets of <paramref name="size"/> random elements with Jaccard similarity as close to s as integers allow.</summary>
    public static (ulong[] A, ulong[] B) PairWithSimilarity(int size, double s, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var shared = (int)Math.Round(2 * size * s / (1 + s));
        var elements = new HashSet<ulong>();
        while (elements.Count < 2 * size - shared) elements.Add((ulong)random.NextInt64());
        var all = elements.ToArray();
        var a = all[..size];
        var b = all[(size - shared)..(2 * size - shared)];
        return ([.. a.Order()], [.. b.Order()]);
    }
}
