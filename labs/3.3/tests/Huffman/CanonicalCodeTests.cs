using StatelessMind.Labs.ProbabilisticModels.Huffman;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Huffman;

/// <summary>Exercise 3.3-2c: canonical codes from lengths.</summary>
public sealed class CanonicalCodeTests
{
    [Fact]
    [Goal("3.3-2")]
    public void The_deflate_specification_example()
    {
        // RFC 1951, 3.2.2: lengths (3, 3, 3, 3, 3, 2, 4, 4) for A … H give 010 011 100 101 110 00 1110 1111.
        byte[] lengths = [3, 3, 3, 3, 3, 2, 4, 4];
        Assert.Equal([0b010u, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111], CanonicalCode.Assign(lengths));
    }

    [Fact]
    [Goal("3.3-2")]
    public void Codes_are_prefix_free_and_ordered_by_length_then_symbol()
    {
        var random = new Random(9);
        for (var trial = 0; trial < 50; trial++)
        {
            var f = Enumerable.Range(0, 256).Select(_ => random.Next(4) == 0 ? 0L : random.Next(1, 100_000)).ToArray();
            var (lengths, _) = HuffmanEncoder.ChooseLengths(f);
            var codes = CanonicalCode.Assign(lengths);
            var present = Enumerable.Range(0, 256).Where(s => lengths[s] > 0).ToList();
            foreach (var a in present)
                foreach (var b in present)
                {
                    if (a == b || lengths[a] > lengths[b]) continue;
                    Assert.NotEqual(codes[a], codes[b] >> (lengths[b] - lengths[a])); // a's code is no prefix of b's
                }
            var byCanonicalOrder = present.OrderBy(s => lengths[s]).ThenBy(s => s).ToList();
            for (var i = 1; i < byCanonicalOrder.Count; i++)
            {
                int s = byCanonicalOrder[i - 1], t = byCanonicalOrder[i];
                Assert.True(codes[t] << (15 - lengths[t]) > codes[s] << (15 - lengths[s]), "codes must increase in canonical order");
            }
        }
    }

    [Fact]
    [Goal("3.3-2")]
    public void Lengths_that_break_kraft_or_exceed_15_bits_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CanonicalCode.Assign([1, 1, 1]));
        Assert.Throws<ArgumentException>(() => CanonicalCode.Assign([1, 16]));
    }
}
