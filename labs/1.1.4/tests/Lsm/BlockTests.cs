using System.Text;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>Task 1.1.4-1e: a data block, written by BlockBuilder and read back by BlockIterator: prefix compression,
/// restart points, explicit kinds.</summary>
public sealed class BlockTests(ITestOutputHelper output)
{
    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    private static (byte[] Block, int Length) Build(int restartInterval, IEnumerable<(string Key, ValueKind Kind, string Value)> entries)
    {
        var builder = new BlockBuilder(restartInterval);
        foreach (var (k, kind, v) in entries) builder.Add(B(k), kind, B(v));
        var block = builder.Finish().ToArray();
        return (block, block.Length);
    }

    private static List<(string, ValueKind, string)> ReadAll(BlockIterator it)
    {
        var all = new List<(string, ValueKind, string)>();
        for (it.SeekToFirst(); it.Valid; it.Next()) all.Add((Encoding.ASCII.GetString(it.Key), it.Kind, Encoding.ASCII.GetString(it.Value)));
        return all;
    }

    [Theory]
    [Goal("1.1.4-1")]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    public void EntriesReadBackInOrderWithTheirKindsAndValues(int restartInterval)
    {
        var entries = Enumerable.Range(0, 200)
            .Select(i => ($"user:{i / 10:D3}:{i % 10}", i % 7 == 0 ? ValueKind.Deletion : ValueKind.Value, i % 7 == 0 || i % 5 == 0 ? "" : $"value{i}"))
            .ToList();
        var (block, length) = Build(restartInterval, entries);
        Assert.Equal(entries, ReadAll(new BlockIterator(block, length, "test", 0)));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void AnEmptyValueAndATombstoneAreDifferentEntries()
    {
        var (block, length) = Build(16, [("a", ValueKind.Value, ""), ("b", ValueKind.Deletion, "")]);
        var it = new BlockIterator(block, length, "test", 0);
        it.Seek(B("a"));
        Assert.Equal(ValueKind.Value, it.Kind);
        it.Seek(B("b"));
        Assert.Equal(ValueKind.Deletion, it.Kind);
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void SharedPrefixesAreStoredOnceBetweenRestartPoints()
    {
        var entries = Enumerable.Range(0, 160).Select(i => ($"a-long-common-prefix-of-every-key/{i:D5}", ValueKind.Value, "v")).ToList();
        var (_, whole) = Build(1, entries);        // every key stored whole
        var (_, compressed) = Build(16, entries);  // a whole key every 16
        output.WriteLine($"160 keys of 40 bytes: {whole} bytes with every key whole, {compressed} bytes with restarts every 16");
        Assert.True(compressed < whole * 0.5, $"{compressed} vs {whole}");
    }

    [Theory]
    [Goal("1.1.4-1")]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(16)]
    public void SeekLandsOnTheFirstKeyAtOrAfterTheTarget(int restartInterval)
    {
        var entries = Enumerable.Range(0, 100).Select(i => ($"k{2 * i:D4}", ValueKind.Value, $"{i}")).ToList();
        var (block, length) = Build(restartInterval, entries);
        var it = new BlockIterator(block, length, "test", 0);
        for (var target = -1; target <= 200; target++)
        {
            it.Seek(B(target < 0 ? "" : $"k{target:D4}"));
            var expected = target < 0 ? 0 : (target + 1) / 2;
            if (expected >= 100) Assert.False(it.Valid);
            else Assert.Equal($"k{2 * expected:D4}", Encoding.ASCII.GetString(it.Key));
        }
    }

    [Theory]
    [Goal("1.1.4-1")]
    [InlineData(1)]
    [InlineData(16)]
    public void PrevWalksBackFromTheLastEntry(int restartInterval)
    {
        var entries = Enumerable.Range(0, 50).Select(i => ($"k{i:D3}", ValueKind.Value, $"{i}")).ToList();
        var (block, length) = Build(restartInterval, entries);
        var it = new BlockIterator(block, length, "test", 0);
        var backwards = new List<string>();
        for (it.SeekToLast(); it.Valid; it.Prev()) backwards.Add(Encoding.ASCII.GetString(it.Key));
        Assert.Equal(entries.Select(e => e.Item1).Reverse(), backwards);
        it.SeekForPrev(B("k010x"));
        Assert.Equal("k010", Encoding.ASCII.GetString(it.Key));
        it.SeekForPrev(B("a"));
        Assert.False(it.Valid);
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void AMalformedEntryIsReportedAsCorruptionWithTheBlockOffset()
    {
        var (block, length) = Build(16, [("abc", ValueKind.Value, "x"), ("abd", ValueKind.Value, "y")]);
        block[2] = 7; // the first entry's kind byte
        var it = new BlockIterator(block, length, "table.sst", 4096);
        var e = Assert.Throws<CorruptionException>(it.SeekToFirst);
        Assert.Equal(("table.sst", 4096L), (e.File, e.Offset));
        Assert.Contains("kind 7", e.Problem, StringComparison.Ordinal);
    }
}
