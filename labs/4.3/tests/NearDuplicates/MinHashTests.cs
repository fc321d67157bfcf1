using StatelessMind.Labs.MassiveData.NearDuplicates;

namespace StatelessMind.Labs.MassiveData.Tests.NearDuplicates;

/// <summary>Exercise 4.3-2c: signatures, and the estimate they give.</summary>
public sealed class MinHashTests
{
    [Fact]
    [Goal("4.3-2")]
    public void Jaccard_of_shingle_sets()
    {
        var a = Shingles.Of("the quick brown fox jumps over the lazy dog");
        var b = Shingles.Of("the quick brown fox leaps over the lazy dog");
        Assert.Equal(7, a.Length);
        Assert.Equal(4.0 / 10, Shingles.Jaccard(a, b), 12); // 3 shingles changed on each side
        Assert.Equal(1.0, Shingles.Jaccard(a, a));
        Assert.Equal(1.0, Shingles.Jaccard([], []));
    }

    [Fact]
    [Goal("4.3-2")]
    public void Signature_agreement_estimates_the_jaccard_similarity()
    {
        var random = new Random(4);
        var hasher = new MinHasher(400, 9);
        foreach (var s in new[] { 0.1, 0.5, 0.9 })
        {
            var (a, b) = SCurve.PairWithSimilarity(200, s, random);
            var exact = Shingles.Jaccard(a, b);
            var estimate = MinHasher.EstimatedSimilarity(hasher.Signature(a), hasher.Signature(b));
            Assert.InRange(estimate, exact - 4 * Math.Sqrt(exact * (1 - exact) / 400) - 0.01, exact + 4 * Math.Sqrt(exact * (1 - exact) / 400) + 0.01);
        }
        var same = SCurve.PairWithSimilarity(50, 1, random);
        Assert.Equal(hasher.Signature(same.A), hasher.Signature(same.B));
    }
}
