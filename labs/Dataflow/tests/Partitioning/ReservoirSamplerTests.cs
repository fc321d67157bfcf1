using StatelessMind.Dataflow.Partitioning;

namespace StatelessMind.Dataflow.Tests.Partitioning;

/// <summary>Exercise 1.1.2-3a: a uniform sample in one pass.</summary>
[Goal("1.1.2-3")]
public sealed class ReservoirSamplerTests
{
    [Fact]
    public void A_short_stream_is_taken_whole_and_counted()
    {
        var (sample, seen) = ReservoirSampler.Sample(Enumerable.Range(0, 5), 10, new Random(1));
        Assert.Equal(Enumerable.Range(0, 5), sample);
        Assert.Equal(5, seen);
    }

    [Fact]
    public void Every_item_is_equally_likely_to_be_kept()
    {
        const int n = 100, k = 10, trials = 20_000;
        var kept = new int[n];
        var random = new Random(11);
        for (var t = 0; t < trials; t++)
        {
            var (sample, seen) = ReservoirSampler.Sample(Enumerable.Range(0, n), k, random);
            Assert.Equal(k, sample.Count);
            Assert.Equal(n, seen);
            foreach (var i in sample) kept[i]++;
        }
        // Each item is kept with probability k/n = 0.1: 2000 of 20,000 trials, standard deviation ~42.
        var expected = (double)trials * k / n;
        var chiSquare = kept.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.InRange(chiSquare, 50, 160); // 99 degrees of freedom: the 0.1% tails are at about 59 and 149
        Assert.InRange(kept[0], expected * 0.85, expected * 1.15);
        Assert.InRange(kept[^1], expected * 0.85, expected * 1.15);
    }
}
