using StatelessMind.Labs.ProbabilisticModels.Huffman;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Huffman;

/// <summary>Exercise 3.3-2b: package-merge gives the optimal code under a length limit.</summary>
public sealed class PackageMergeTests
{
    [Fact]
    [Goal("3.3-2")]
    public void Without_a_binding_limit_it_costs_what_huffman_costs()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 100; trial++)
        {
            var symbols = random.Next(2, 80);
            var f = Enumerable.Range(0, symbols).Select(_ => (long)random.Next(1, 10_000)).ToArray();
            Assert.Equal(HuffmanCode.Cost(f, HuffmanCode.CodeLengths(f)), HuffmanCode.Cost(f, PackageMerge.CodeLengths(f, symbols - 1)));
        }
    }

    [Theory]
    [Goal("3.3-2")]
    [InlineData(5, 3)]
    [InlineData(6, 3)]
    [InlineData(7, 4)]
    [InlineData(8, 3)]
    public void With_a_limit_it_equals_the_brute_force_optimum_under_that_limit(int symbols, int limit)
    {
        var random = new Random(symbols * 10 + limit);
        for (var trial = 0; trial < 25; trial++)
        {
            var f = Enumerable.Range(0, symbols).Select(i => (long)(random.Next(1, 50) * Math.Pow(3, i % 5))).ToArray();
            var lengths = PackageMerge.CodeLengths(f, limit);
            Assert.True(lengths.Max() <= limit);
            Assert.True(HuffmanCode.KraftSum(lengths) <= 1);
            Assert.Equal(BruteForceCode.OptimalCost(f, limit), HuffmanCode.Cost(f, lengths));
        }
    }

    [Fact]
    [Goal("3.3-2")]
    public void Fibonacci_frequencies_need_the_limit_and_get_it()
    {
        var f = new long[256];
        long a = 1, b = 1;
        for (var i = 0; i < 30; i++)
        {
            f[i] = a;
            (a, b) = (b, a + b);
        }
        Assert.True(HuffmanCode.CodeLengths(f).Max() > 15); // Huffman's tree is a path: 29 levels
        var (lengths, limited) = HuffmanEncoder.ChooseLengths(f);
        Assert.True(limited);
        Assert.True(lengths.Max() <= 15);
        Assert.True(HuffmanCode.KraftSum(lengths) <= 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => PackageMerge.CodeLengths(f, 4)); // 30 symbols do not fit in 4 bits
    }
}
