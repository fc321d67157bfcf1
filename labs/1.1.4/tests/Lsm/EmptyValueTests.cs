using StatelessMind.Labs.Storage.Lsm;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>An empty value is a value: it reads back as present and empty from the memtable, after a flush, after WAL
/// replay and after compaction (it once read back as absent: the tombstone was an empty array compared by reference).</summary>
public sealed class EmptyValueTests(ITestOutputHelper output)
{
    /// <summary>The first stage at which an empty value is not read back as present and empty, or null.</summary>
    internal static string? Check(StorageBug bug)
    {
        var disk = new FaultInjectionFileSystem();
        var options = new LsmOptions { BackgroundMaintenance = false, Bug = bug };
        string? Probe(LsmTree tree, string stage, params string[] emptyKeys)
        {
            foreach (var k in emptyKeys)
            {
                var key = System.Text.Encoding.ASCII.GetBytes(k);
                var value = tree.Get(key);
                if (value is null) return $"{stage}: Put(\"{k}\", []) reads back as absent";
                if (value.Length != 0) return $"{stage}: Put(\"{k}\", []) reads back {value.Length} bytes";
                if (!tree.Scan().Any(kv => kv.Key.AsSpan().SequenceEqual(key) && kv.Value.Length == 0)) return $"{stage}: a scan misses \"{k}\"";
            }
            return tree.Get("gone"u8) is null ? null : $"{stage}: a deleted key reads back";
        }
        using (var tree = LsmTree.Open(LsmTestKit.VirtualDirectory, options.On(disk)))
        {
            tree.Put("a"u8, []);
            tree.Write([("b"u8.ToArray(), []), ("gone"u8.ToArray(), "x"u8.ToArray())]);
            tree.Delete("gone"u8);
            if (Probe(tree, "in the memtable", "a", "b") is { } p1) return p1;
            tree.Flush();
            if (Probe(tree, "after a flush", "a", "b") is { } p2) return p2;
            tree.Put("c"u8, []); // stays in the WAL
        }
        using (var tree = LsmTree.Open(LsmTestKit.VirtualDirectory, options.On(disk)))
        {
            if (Probe(tree, "after WAL replay", "a", "b", "c") is { } p3) return p3;
            tree.CompactAll();
            return Probe(tree, "after a full compaction", "a", "b", "c");
        }
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void AnEmptyValueReadsBackEmptyAtEveryStage() => Assert.Null(Check(StorageBug.None));

    [Fact]
    [Goal("1.1.4-1")]
    public void ThePlantedEmptyValueAsTombstoneIsCaught()
    {
        var problem = Check(StorageBug.EmptyValueIsTombstone);
        output.WriteLine($"planted {StorageBug.EmptyValueIsTombstone}: {problem}");
        Assert.NotNull(problem);
    }
}
