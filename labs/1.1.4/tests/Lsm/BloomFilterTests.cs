using System.Text;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>A table's bloom filter: no false negatives, and about the false-positive rate its bits per key promise.</summary>
public sealed class BloomFilterTests(ITestOutputHelper output)
{
    private static ulong H(string s) => BloomFilter.Hash(Encoding.ASCII.GetBytes(s));

    [Theory]
    [Goal("1.1.4-1")]
    [InlineData(10, 0.0082)]   // (1 − e^(−k/b))^k with b = 10, k = 7
    [InlineData(5, 0.0947)]    // b = 5, k = 3
    public void NeverForgetsAKeyAndFalsePositivesMatchTheory(int bitsPerKey, double theory)
    {
        const int keys = 20_000;
        var filter = new BloomFilter(BloomFilter.Build([.. Enumerable.Range(0, keys).Select(i => H($"present-{i}"))], bitsPerKey), "test", 0);
        Assert.All(Enumerable.Range(0, keys), i => Assert.True(filter.MayContain(H($"present-{i}"))));
        var falsePositives = Enumerable.Range(0, 100_000).Count(i => filter.MayContain(H($"absent-{i}")));
        var rate = falsePositives / 100_000.0;
        output.WriteLine($"{bitsPerKey} bits per key: {rate:P3} false positives (theory {theory:P3}), {filter.SizeBytes} bytes for {keys} keys");
        Assert.InRange(rate, theory * 0.6, theory * 1.6);
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void AFilterWithAnImpossibleProbeCountIsCorruption()
    {
        var data = BloomFilter.Build([H("a")], 10);
        data[^1] = 0;
        var e = Assert.Throws<CorruptionException>(() => new BloomFilter(data, "t.sst", 123));
        Assert.Equal(123, e.Offset);
    }
}
