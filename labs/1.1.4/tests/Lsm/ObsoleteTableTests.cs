using StatelessMind.Labs.Storage.Lsm;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>Tables a compaction made obsolete are closed and deleted once no reader holds them (versions and tables are
/// reference-counted): their space comes back, measured on the file system, while a scan that started before the
/// compaction still reads them to its end.</summary>
public sealed class ObsoleteTableTests(ITestOutputHelper output)
{
    private const int Keys = 1000;

    private static void Overwrite(LsmTree tree, int rounds)
    {
        for (var round = 0; round < rounds; round++)
            for (var i = 0; i < Keys; i++) tree.Put(LsmTestKit.Key(i), LsmTestKit.Value(i, round));
    }

    /// <summary>Null when, after overwriting everything three times and a full compaction, the file system holds no more
    /// than the live tables plus the (empty) WAL and the manifest.</summary>
    internal static string? CheckSpaceIsFreed(StorageBug bug, IFileSystem? files = null, string directory = LsmTestKit.VirtualDirectory)
    {
        var options = LsmTestKit.Small(bug: bug) with { FileSystem = files ?? new FaultInjectionFileSystem().NewProcess() };
        using var tree = LsmTree.Open(directory, options);
        Overwrite(tree, rounds: 3);
        tree.CompactAll();
        var onDisk = tree.DiskBytes;
        var live = tree.LiveTableBytes;
        return onDisk - live <= 8 * 1024 ? null : $"{onDisk:N0} bytes on the file system for {live:N0} bytes of live tables";
    }

    /// <summary>Null when a scan begun before a full compaction reads every entry to its end, and the obsolete tables it
    /// held are deleted once it is disposed.</summary>
    internal static string? CheckReadersKeepTheirTables(StorageBug bug)
    {
        var disk = new FaultInjectionFileSystem();
        using var tree = LsmTree.Open(LsmTestKit.VirtualDirectory, LsmTestKit.Small(bug: bug).On(disk));
        Overwrite(tree, rounds: 2);
        tree.Flush();
        var files = disk.NewProcess();
        int Tables() => files.ListFiles(LsmTestKit.VirtualDirectory).Count(n => n.EndsWith(".sst", StringComparison.Ordinal));
        var read = 0;
        using (var scan = tree.Scan().GetEnumerator())
        {
            for (var i = 0; i < 10; i++, read++) scan.MoveNext();
            var before = Tables();
            tree.CompactAll();
            var whileHeld = Tables();
            try
            {
                while (scan.MoveNext())
                {
                    if (!scan.Current.Value.AsSpan().SequenceEqual(LsmTestKit.Value(read, 1))) return $"entry {read} read back wrong after the compaction";
                    read++;
                }
            }
            catch (Exception e) when (e is ObjectDisposedException or IOException)
            {
                return $"the scan failed after {read} entries once a compaction replaced its tables: {e.GetType().Name}: {e.Message}";
            }
            if (read != Keys) return $"the scan returned {read} of {Keys} entries";
            if (whileHeld <= tree.Levels.Sum(l => l.Tables)) return $"the obsolete tables were deleted while a scan held them ({before} tables before, {whileHeld} during)";
        }
        var after = Tables();
        return after == tree.Levels.Sum(l => l.Tables) ? null : $"{after} table files remain for {tree.Levels.Sum(l => l.Tables)} live tables after the scan ended";
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void ObsoleteTablesGiveBackTheirSpace() => Assert.Null(CheckSpaceIsFreed(StorageBug.None));

    [Fact]
    [Goal("1.1.4-1")]
    public void AScanKeepsTheTablesItStartedWithUntilItEnds() => Assert.Null(CheckReadersKeepTheirTables(StorageBug.None));

    [Fact]
    [Goal("1.1.4-1")]
    public void ThePlantedTablesKeptOpenAreCaughtOnTheOperatingSystemsFileSystemToo()
    {
        using var dir = new TempDirectory("space");
        Assert.Null(CheckSpaceIsFreed(StorageBug.None, OsFileSystem.Instance, dir.Path));
        using var buggy = new TempDirectory("space");
        var problem = CheckSpaceIsFreed(StorageBug.ObsoleteTablesKeptOpen, OsFileSystem.Instance, buggy.Path);
        output.WriteLine($"planted {StorageBug.ObsoleteTablesKeptOpen} on the real file system (deleted files still open, found in /proc/self/fd): {problem}");
        Assert.NotNull(problem);
        Assert.NotNull(CheckSpaceIsFreed(StorageBug.ObsoleteTablesKeptOpen));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void ThePlantedTablesClosedUnderReadersAreCaught()
    {
        var problem = CheckReadersKeepTheirTables(StorageBug.ObsoleteTablesClosedUnderReaders);
        output.WriteLine($"planted {StorageBug.ObsoleteTablesClosedUnderReaders}: {problem}");
        Assert.NotNull(problem);
    }
}
