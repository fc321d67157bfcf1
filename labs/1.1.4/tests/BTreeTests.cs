using StatelessMind.Labs.Storage.BTree;

namespace StatelessMind.Labs.Storage.Tests;

/// <summary>The C B-tree through its P/Invoke wrapper, checked operation by operation against SortedDictionary.</summary>
public sealed class BTreeTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.4-1")]
    public void OneMillionMixedOperationsMatchSortedDictionary()
    {
        using var dir = new TempDirectory("btree");
        using var tree = NativeBTree.Open(dir.File("mixed.db"), pageSize: 4096, cachePages: 4096);
        var model = new SortedDictionary<ulong, ulong>();
        var keys = new SortedSet<ulong>(); // the same keys, for O(log n + k) range views
        var random = new Random(1141);
        const int operations = 1_000_000;
        const int keySpace = 200_000;
        int inserts = 0, deletes = 0, lookups = 0, scans = 0;
        for (var op = 0; op < operations; op++)
        {
            var key = (ulong)random.Next(keySpace) * 7919; // spread out, so range bounds fall between keys
            var dice = random.Next(100);
            if (dice < 50)
            {
                var value = (ulong)random.NextInt64();
                var isNew = tree.Put(key, value);
                Assert.Equal(!model.ContainsKey(key), isNew);
                model[key] = value;
                keys.Add(key);
                inserts++;
            }
            else if (dice < 80)
            {
                Assert.Equal(model.Remove(key), tree.Delete(key));
                keys.Remove(key);
                deletes++;
            }
            else if (dice < 99)
            {
                var found = tree.TryGet(key, out var value);
                Assert.Equal(model.TryGetValue(key, out var expected), found);
                if (found) Assert.Equal(expected, value);
                lookups++;
            }
            else
            {
                var to = key + 7919UL * 50;
                var expected = keys.GetViewBetween(key, to - 1).Select(k => new KeyValuePair<ulong, ulong>(k, model[k])).ToList();
                Assert.Equal(expected, tree.Range(key, to).ToList());
                scans++;
            }
            if (op % 250_000 == 0) Assert.Null(tree.CheckInvariants());
        }
        Assert.Null(tree.CheckInvariants());
        Assert.Equal(model.ToList(), tree.Range(0).ToList());
        var stats = tree.Stats();
        Assert.Equal((ulong)model.Count, stats.Count);
        output.WriteLine($"{operations:N0} ops ({inserts:N0} put, {deletes:N0} delete, {lookups:N0} get, {scans:N0} range): " +
                         $"{stats.Count:N0} keys, height {stats.Height}, {stats.PageCount:N0} pages of {stats.PageSize} B " +
                         $"(leaf capacity {stats.LeafCapacity}, inner {stats.InnerCapacity}), {stats.FreePages} free");
    }

    /// <summary>1.1.4-1a on its own: the C tests of leaf insertion and splitting (test_btree, by name), including a
    /// failed allocation in the middle of a split (nothing lost) and the planted split bug that test must catch.</summary>
    [Theory]
    [Goal("1.1.4-1")]
    [InlineData("random minimal cache")]
    [InlineData("allocation")]
    public async Task Native_insert_tests(string tests) => await NativeTestsPass(tests);

    /// <summary>1.1.4-1b on its own: deleting every key borrows and merges until the tree is one leaf again.</summary>
    [Theory]
    [Goal("1.1.4-1")]
    [InlineData("delete everything")]
    [InlineData("random small pages")]
    public async Task Native_delete_tests(string tests) => await NativeTestsPass(tests);

    /// <summary>Every page header field is validated when the page is read, each damage reported with its page number.</summary>
    [Fact]
    [Goal("1.1.4-1")]
    public async Task Native_page_validation_tests() => await NativeTestsPass("validation");

    private async Task NativeTestsPass(string only)
    {
        var outcome = await NativeTestProgram.RunAsync("test_btree", only);
        output.WriteLine($"{outcome.Command}: {outcome.Checks} checks, {outcome.Failed} failed, exit {outcome.ExitCode}");
        Assert.True(outcome.Passed, outcome.Output);
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void DeletesBorrowAndMergeUntilTheTreeShrinksAndTheFileRoundTrips()
    {
        using var dir = new TempDirectory("btree");
        var path = dir.File("shrink.db");
        var model = new SortedDictionary<ulong, ulong>();
        int grownHeight;
        using (var tree = NativeBTree.Open(path, pageSize: 256, cachePages: 16)) // 15 entries a leaf, a cache far smaller than the tree
        {
            for (ulong k = 0; k < 50_000; k++)
            {
                tree.Put(k, k * k);
                model[k] = k * k;
            }
            grownHeight = tree.Stats().Height;
            var random = new Random(7);
            foreach (var k in model.Keys.OrderBy(_ => random.Next()).Take(45_000).ToList())
            {
                Assert.True(tree.Delete(k));
                model.Remove(k);
            }
            Assert.Null(tree.CheckInvariants());
            var stats = tree.Stats();
            Assert.True(stats.Height < grownHeight, $"height {stats.Height} did not shrink from {grownHeight}");
            Assert.True(stats.FreePages > 0);
            Assert.True(stats.PagesWritten > 0, "a 16-page cache must have written evicted pages");
            output.WriteLine($"height {grownHeight} → {stats.Height}; {stats.FreePages} of {stats.PageCount} pages free; {stats.PagesWritten} page writes, {stats.CacheMisses} misses");
        }
        using (var reopened = NativeBTree.Open(path, cachePages: 64))
        {
            Assert.Null(reopened.CheckInvariants());
            Assert.Equal(256, reopened.Stats().PageSize);
            Assert.Equal(model.ToList(), reopened.Range(0).ToList());
        }
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void CorruptPageIsReportedWithItsOffset()
    {
        using var dir = new TempDirectory("btree");
        var path = dir.File("corrupt.db");
        using (var tree = NativeBTree.Open(path, pageSize: 4096, cachePages: 16))
            for (ulong k = 0; k < 2000; k++) tree.Put(k, k);
        using (var f = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            f.Position = 2 * 4096; // the type field of page 2
            f.WriteByte(0x55);
        }
        using var reopened = NativeBTree.Open(path, cachePages: 16);
        var error = Assert.Throws<BTreeException>(() =>
        {
            for (ulong k = 0; k < 2000; k++) reopened.TryGet(k, out _);
        });
        Assert.Contains("offset 8192", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(2UL, error.Page);

        File.WriteAllText(dir.File("text.db"), "not a tree");
        var foreign = Assert.Throws<BTreeException>(() => NativeBTree.Open(dir.File("text.db")));
        Assert.Contains("bad magic", foreign.Message, StringComparison.Ordinal);
        Assert.Equal(0UL, foreign.Page);
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void KeyCountBeyondItsBoundsIsReportedWithThePageNumber()
    {
        using var dir = new TempDirectory("btree");
        var path = dir.File("count.db");
        using (var tree = NativeBTree.Open(path, pageSize: 4096, cachePages: 16))
            for (ulong k = 0; k < 5000; k++) tree.Put(k, k);
        // A leaf other than the root: its header says type 1 (u16 at byte 0); the root is at byte 16 of page 0.
        var bytes = File.ReadAllBytes(path);
        var root = BitConverter.ToUInt64(bytes, 16);
        var leaf = Enumerable.Range(1, bytes.Length / 4096 - 1).Select(p => (ulong)p)
            .First(p => p != root && BitConverter.ToUInt16(bytes, (int)p * 4096) == 1);
        foreach (var (count, expected) in new[] { ((ushort)256, "above its capacity 255"), ((ushort)3, "below the minimum 127") })
        {
            using (var f = new FileStream(path, FileMode.Open, FileAccess.Write))
            {
                f.Position = (long)leaf * 4096 + 2; // the key count (u16 at byte 2 of the page)
                f.Write(BitConverter.GetBytes(count));
            }
            using var reopened = NativeBTree.Open(path, cachePages: 16);
            var error = Assert.Throws<BTreeException>(() =>
            {
                for (ulong k = 0; k < 5000; k++) reopened.TryGet(k, out _);
            });
            Assert.Equal(-2, error.Code);
            Assert.Equal(leaf, error.Page);
            Assert.Contains($"page {leaf} at offset {leaf * 4096}", error.Message, StringComparison.Ordinal);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            output.WriteLine(error.Message);
        }
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void DamagedFileHeaderIsReportedAsPageZero()
    {
        using var dir = new TempDirectory("btree");
        var path = dir.File("header.db");
        using (var tree = NativeBTree.Open(path, pageSize: 4096, cachePages: 16))
            for (ulong k = 0; k < 1000; k++) tree.Put(k, k);
        using (var f = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            f.Position = 40; // the page count: covered by the header checksum
            f.WriteByte(0xEE);
        }
        var error = Assert.Throws<BTreeException>(() => NativeBTree.Open(path));
        Assert.Equal(-2, error.Code);
        Assert.Equal(0UL, error.Page);
        Assert.Contains("page 0 at offset 0 (the file header): checksum", error.Message, StringComparison.Ordinal);
    }
}
