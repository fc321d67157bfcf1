using StatelessMind.Dataflow;
using StatelessMind.Labs.MassiveData.NearDuplicates;

namespace StatelessMind.Labs.MassiveData.Tests.NearDuplicates;

/// <summary>Exercise 4.3-2d: banding, the S-curve, and candidates through the layer's shuffle.</summary>
public sealed class LshBandingTests
{
    [Fact]
    [Goal("4.3-2")]
    public void Each_band_has_its_own_bucket_and_the_s_curve_has_its_threshold()
    {
        var lsh = new LshBanding(20, 5);
        var signature = Enumerable.Range(0, 100).Select(i => (ulong)i).ToArray();
        Assert.Equal(20, lsh.Buckets(signature).Select(b => b.Bucket).Distinct().Count());
        Assert.Throws<ArgumentException>(() => lsh.Buckets(new ulong[99]).ToList());
        var changed = (ulong[])signature.Clone();
        changed[7] = 1000; // one row of band 1 differs: the other bands still match
        Assert.True(lsh.AreCandidates(signature, changed));
        Assert.Equal(1 - Math.Pow(1 - Math.Pow(0.5, 5), 20), lsh.CandidateProbability(0.5), 12);
        Assert.Equal(Math.Pow(0.05, 0.2), lsh.Threshold, 12);
    }

    [Fact]
    [Goal("4.3-2")]
    public void Candidates_found_through_the_shuffle_are_the_pairs_that_share_a_bucket()
    {
        var random = new Random(3);
        var lsh = new LshBanding(10, 3);
        var hasher = new MinHasher(lsh.SignatureLength, 5);
        var sets = new List<ulong[]>();
        for (var i = 0; i < 40; i++)
        {
            var (a, b) = SCurve.PairWithSimilarity(60, random.NextDouble(), random);
            sets.Add(a);
            sets.Add(b);
        }
        var signatures = sets.Select(hasher.Signature).ToArray();
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var found = lsh.CandidatePairs(ctx.Parallelize(signatures.Select((s, i) => (i, s)).ToArray(), 4), 3).ToHashSet();
        for (var i = 0; i < signatures.Length; i++)
            for (var j = i + 1; j < signatures.Length; j++)
                Assert.Equal(lsh.AreCandidates(signatures[i], signatures[j]), found.Contains((i, j)));
    }

    [Fact]
    [Goal("4.3-2")]
    public void The_measured_s_curve_follows_the_theory_and_the_planted_bug_does_not()
    {
        var lsh = new LshBanding(10, 4);
        var good = SCurve.Measure(lsh, 60, 1);
        Assert.All(good, p => Assert.InRange(p.Measured, p.Theory - p.Tolerance, p.Theory + p.Tolerance));
        var bad = SCurve.Measure(lsh, 60, 1, MinHashBug.SameHashesInEveryBand);
        Assert.Contains(bad, p => Math.Abs(p.Measured - p.Theory) > p.Tolerance);
    }
}
