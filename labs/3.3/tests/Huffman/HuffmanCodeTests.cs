using StatelessMind.Labs.ProbabilisticModels.Huffman;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Huffman;

/// <summary>Exercise 3.3-2a: Huffman's code lengths are optimal (brute force) and within the entropy bound.</summary>
public sealed class HuffmanCodeTests
{
    [Fact]
    [Goal("3.3-2")]
    public void The_textbook_example_costs_224_bits_per_100_symbols()
    {
        long[] f = [45, 13, 12, 16, 9, 5]; // a … f (CLRS 16.3): a 1 bit, b c d 3 bits, e f 4 bits
        var lengths = HuffmanCode.CodeLengths(f);
        Assert.Equal([1, 3, 3, 3, 4, 4], lengths);
        Assert.Equal(224, HuffmanCode.Cost(f, lengths));
        Assert.Equal(1.0, HuffmanCode.KraftSum(lengths));
    }

    [Fact]
    [Goal("3.3-2")]
    public void Empty_and_single_symbol_alphabets()
    {
        Assert.All(HuffmanCode.CodeLengths(new long[256]), l => Assert.Equal(0, l));
        var one = new long[256];
        one['x'] = 1000;
        var lengths = HuffmanCode.CodeLengths(one);
        Assert.Equal(1, lengths['x']);
        Assert.Equal(1, lengths.Count(l => l > 0));
    }

    [Theory]
    [Goal("3.3-2")]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Huffman_equals_the_brute_force_optimum_on_small_alphabets(int symbols)
    {
        var random = new Random(symbols);
        for (var trial = 0; trial < 30; trial++)
        {
            var f = Enumerable.Range(0, symbols).Select(_ => trial % 3 == 0 ? (long)random.Next(1, 4) : (long)Math.Pow(random.Next(1, 1000), 2)).ToArray();
            var lengths = HuffmanCode.CodeLengths(f);
            Assert.Equal(BruteForceCode.OptimalCost(f, symbols - 1), HuffmanCode.Cost(f, lengths));
            Assert.Equal(1.0, HuffmanCode.KraftSum(lengths)); // an optimal code is complete
        }
    }

    [Fact]
    [Goal("3.3-2")]
    public void Average_length_lies_between_the_entropy_and_one_bit_more()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var symbols = random.Next(2, 257);
            var skew = random.NextDouble() * 3;
            var f = Enumerable.Range(0, symbols).Select(i => 1 + (long)(100_000 / Math.Pow(i + 1, skew) * random.NextDouble())).ToArray();
            var lengths = HuffmanCode.CodeLengths(f);
            var h = HuffmanCode.Entropy(f);
            var l = (double)HuffmanCode.Cost(f, lengths) / f.Sum();
            Assert.True(h <= l + 1e-12 && l < h + 1, $"trial {trial}: H = {h}, L = {l}");
        }
    }

    [Fact]
    [Goal("3.3-2")]
    public void Dyadic_probabilities_meet_the_entropy_exactly()
    {
        long[] f = [8, 4, 2, 1, 1];
        var lengths = HuffmanCode.CodeLengths(f);
        Assert.Equal(HuffmanCode.Entropy(f), (double)HuffmanCode.Cost(f, lengths) / f.Sum(), 12);
    }

    [Fact]
    [Goal("3.3-2")]
    public void Planted_bug_ignoring_frequencies_is_caught_by_the_optimum()
    {
        long[] f = [1000, 500, 100, 10, 5, 1];
        var (buggy, _) = HuffmanEncoder.ChooseLengths(f, HuffmanBug.IgnoresFrequencies);
        Assert.True(HuffmanCode.KraftSum(buggy) <= 1); // still a prefix code …
        Assert.True(HuffmanCode.Cost(f, buggy) > BruteForceCode.OptimalCost(f, 5)); // … but not an optimal one
    }
}
