using System.Text;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>Task 1.1.4-1d: the memtable's skip list: ordered, one node per key, each key's entries newest first and
/// visible by sequence number.</summary>
public sealed class SkipListTests(ITestOutputHelper output)
{
    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    private static bool Insert(SkipList list, string key, long sequence, string value) => list.Insert(B(key), sequence, ValueKind.Value, B(value));

    [Fact]
    [Goal("1.1.4-1")]
    public void IteratesInBytewiseKeyOrderWithOneNodePerKey()
    {
        var list = new SkipList(seed: 1);
        var random = new Random(7);
        var keys = Enumerable.Range(0, 2000).Select(_ => random.Next(500)).ToList();
        long sequence = 0;
        foreach (var k in keys) Insert(list, $"k{k:D4}", ++sequence, $"v{sequence}");
        var walked = new List<string>();
        for (var n = list.First; n is not null; n = SkipList.NextOf(n)) walked.Add(Encoding.ASCII.GetString(n.Key));
        var expected = keys.Distinct().Order().Select(k => $"k{k:D4}").ToList();
        Assert.Equal(expected, walked);
        Assert.Equal(expected.Count, list.Count);
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void InsertReportsWhetherTheKeyWasNew()
    {
        var list = new SkipList(seed: 2);
        Assert.True(Insert(list, "a", 1, "x"));
        Assert.False(Insert(list, "a", 2, "y"));
        Assert.True(Insert(list, "b", 3, "z"));
        Assert.Equal(2, list.Count);
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void EachKeyKeepsItsEntriesNewestFirstSoOlderSnapshotsFindTheirs()
    {
        var list = new SkipList(seed: 3);
        Insert(list, "k", 5, "five");
        list.Insert(B("k"), 9, ValueKind.Deletion, []);
        Insert(list, "k", 12, "");
        var node = list.Find(B("k"))!;
        Assert.Null(node.VisibleAt(4));
        Assert.Equal("five", Encoding.ASCII.GetString(node.VisibleAt(8)!.Value));
        Assert.Equal(ValueKind.Deletion, node.VisibleAt(9)!.Kind);
        var newest = node.VisibleAt(long.MaxValue)!;
        Assert.Equal((12L, ValueKind.Value, 0), (newest.Sequence, newest.Kind, newest.Value.Length)); // an empty value is a value
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void SeekFindsTheFirstKeyAtOrAfterTheTarget()
    {
        var list = new SkipList(seed: 4);
        long sequence = 0;
        foreach (var k in new[] { "b", "d", "f", "" }) Insert(list, k, ++sequence, k);
        Assert.Equal("", Encoding.ASCII.GetString(list.SeekGreaterOrEqual([])!.Key));
        Assert.Equal("d", Encoding.ASCII.GetString(list.SeekGreaterOrEqual(B("c"))!.Key));
        Assert.Equal("d", Encoding.ASCII.GetString(list.SeekGreaterOrEqual(B("d"))!.Key));
        Assert.Null(list.SeekGreaterOrEqual(B("g")));
        Assert.Null(list.Find(B("c")));
        Assert.NotNull(list.Find(B("f")));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void TowerHeightsFollowTheQuarterProbability()
    {
        var list = new SkipList(seed: 5);
        var heights = Enumerable.Range(0, 100_000).Select(_ => list.RandomHeight()).ToList();
        var atLeast2 = heights.Count(h => h >= 2) / 100_000.0;
        var atLeast3 = heights.Count(h => h >= 3) / 100_000.0;
        output.WriteLine($"P(h ≥ 2) = {atLeast2:0.0000} (1/4), P(h ≥ 3) = {atLeast3:0.0000} (1/16), max {heights.Max()}");
        Assert.InRange(atLeast2, 0.24, 0.26);
        Assert.InRange(atLeast3, 0.056, 0.069);
        Assert.All(heights, h => Assert.InRange(h, 1, SkipList.MaxHeight));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void AKeyLinkedBehindASeekInProgressDoesNotHideTheKeyItFound()
    {
        var list = new SkipList(seed: 9);
        Insert(list, "a", 1, "v");
        Insert(list, "c", 2, "v");
        // The writer links "b" between "a" and "c" just after the reader's descent stopped at "a": the reader must still
        // return "c", the node it found, not whatever now follows "a".
        list.AfterSeekDescent = () =>
        {
            list.AfterSeekDescent = null;
            Insert(list, "b", 3, "v");
        };
        var found = list.Find(B("c"));
        Assert.NotNull(found);
        Assert.Equal(B("c"), found.Key);
        Assert.Equal(3, list.Count);
    }

    [Fact]
    [Goal("1.1.4-1")]
    public async Task ReadersWithoutLocksSeeEveryPublishedKeyWhileOneWriterInserts()
    {
        var list = new SkipList(seed: 6);
        const int n = 50_000;
        var published = 0;
        var errors = 0;
        using var done = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var random = new Random(8);
            while (!done.IsCancellationRequested)
            {
                var upTo = Volatile.Read(ref published);
                if (upTo == 0) continue;
                var i = random.Next(upTo);
                if (list.Find(B($"k{i * 7919 % n:D6}")) is null) Interlocked.Increment(ref errors);
            }
        });
        for (var i = 0; i < n; i++)
        {
            Insert(list, $"k{i * 7919 % n:D6}", i + 1, "v");
            Volatile.Write(ref published, i + 1);
        }
        await done.CancelAsync();
        await reader;
        Assert.Equal(0, errors);
    }
}
