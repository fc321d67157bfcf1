using System.Text;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>Task 1.1.4-1c: merging sorted runs: one entry per key, the newest run's entry wins, tombstones passed on.</summary>
public sealed class MergingIteratorTests
{
    private static List<(string Key, string? Value)> Drain(IKeyValueIterator it)
    {
        var all = new List<(string, string?)>();
        for (; it.Valid; it.Next()) all.Add((Encoding.ASCII.GetString(it.Key), it.Kind == ValueKind.Deletion ? null : Encoding.ASCII.GetString(it.Value)));
        return all;
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void InterleavesDisjointRunsInKeyOrder()
    {
        var merged = new MergingIterator([new ListIterator(("a", "1"), ("d", "4")), new ListIterator(("b", "2"), ("e", "5")), new ListIterator(("c", "3"))]);
        merged.SeekToFirst();
        Assert.Equal([("a", "1"), ("b", "2"), ("c", "3"), ("d", "4"), ("e", "5")], Drain(merged));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void TheNewestRunWinsAndTheOthersAreSkipped()
    {
        var newest = new ListIterator(("b", "new"), ("c", null));
        var middle = new ListIterator(("a", "mid"), ("b", "mid"), ("c", "mid"));
        var oldest = new ListIterator(("a", "old"), ("b", "old"), ("d", "old"));
        var merged = new MergingIterator([newest, middle, oldest]);
        merged.SeekToFirst();
        Assert.Equal([("a", "mid"), ("b", "new"), ("c", null), ("d", "old")], Drain(merged));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void SeekPositionsEveryRunAndEmptyRunsAreHarmless()
    {
        var merged = new MergingIterator([new ListIterator(), new ListIterator(("a", "1"), ("m", "2"), ("z", "3")), new ListIterator(("n", "x"))]);
        merged.Seek("b"u8);
        Assert.Equal([("m", "2"), ("n", "x"), ("z", "3")], Drain(merged));
        merged.Seek("zz"u8);
        Assert.False(merged.Valid);
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void MergesBackwardAfterAReverseSeek()
    {
        var merged = new MergingIterator([new ListIterator(("b", "new"), ("d", null)), new ListIterator(("a", "old"), ("b", "old"), ("c", "old"), ("d", "old"))]);
        merged.SeekToLast();
        var all = new List<(string, string?)>();
        for (; merged.Valid; merged.Prev()) all.Add((Encoding.ASCII.GetString(merged.Key), merged.Kind == ValueKind.Deletion ? null : Encoding.ASCII.GetString(merged.Value)));
        Assert.Equal([("d", null), ("c", "old"), ("b", "new"), ("a", "old")], all);
        merged.SeekForPrev("bb"u8);
        Assert.Equal("b", Encoding.ASCII.GetString(merged.Key));
        Assert.Equal("new", Encoding.ASCII.GetString(merged.Value));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void AgreesWithADictionaryMergeOnRandomRuns()
    {
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var runs = Enumerable.Range(0, random.Next(1, 6)).Select(r => Enumerable.Range(0, random.Next(0, 30))
                .Select(_ => random.Next(60)).Distinct().Order()
                .Select(k => ($"k{k:D2}", random.Next(5) == 0 ? null : $"r{r}-{k}")).ToArray()).ToList();
            var expected = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            foreach (var run in Enumerable.Reverse(runs)) // oldest first, so newer runs overwrite
                foreach (var (k, v) in run) expected[k] = v;
            var merged = new MergingIterator([.. runs.Select(r => (IKeyValueIterator)new ListIterator(r))]);
            merged.SeekToFirst();
            Assert.Equal(expected.Select(kv => (kv.Key, kv.Value)).ToList(), Drain(merged));
        }
    }
}
