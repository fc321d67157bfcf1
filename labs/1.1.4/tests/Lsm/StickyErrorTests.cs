using StatelessMind.Labs.Storage.Lsm;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>An I/O error is sticky, as in LevelDB and RocksDB: once a WAL append, a sync or a flush failed, the tree
/// refuses writes (reads still work) until it is reopened, and the reopened tree holds every acknowledged write.</summary>
public sealed class StickyErrorTests(ITestOutputHelper output)
{
    /// <summary>Makes the first operation matching <paramref name="fail"/> fail during a put; null when that put and the
    /// next one both fail, reads still work, and a reopen recovers exactly the acknowledged writes.</summary>
    internal static string? Check(StorageBug bug, Func<FileOperation, string, bool> fail)
    {
        var disk = new FaultInjectionFileSystem();
        var options = LsmTestKit.Small(bug: bug) with { WalSync = WalSyncMode.Fsync };
        var acknowledged = new Dictionary<string, byte[]?>();
        using (var tree = LsmTree.Open(LsmTestKit.VirtualDirectory, options.On(disk)))
        {
            var failures = 0;
            var i = 0;
            disk.FailWhen = (op, path) => failures == 0 && fail(op, path) && ++failures > 0;
            for (; i < 5000 && failures == 0; i++)
            {
                try
                {
                    tree.Put(LsmTestKit.Key(i), LsmTestKit.Value(i, 0));
                    acknowledged[System.Text.Encoding.ASCII.GetString(LsmTestKit.Key(i))] = LsmTestKit.Value(i, 0);
                }
                catch (IOException) when (failures > 0) { /* the injected failure */ }
            }
            disk.FailWhen = null;
            if (failures == 0) return "the injected operation never happened";
            try
            {
                tree.Put(LsmTestKit.Key(i), LsmTestKit.Value(i, 0));
                return "after the injected failure the next write was accepted";
            }
            catch (IOException) { /* refused, as it must be */ }
            if (!tree.IsFailed) return "the tree does not report itself failed";
            if (LsmTestKit.Mismatch(tree, acknowledged) is { } readProblem) return $"reads after the failure: {readProblem}";
        }
        try
        {
            using var reopened = LsmTree.Open(LsmTestKit.VirtualDirectory, options.On(disk));
            if (LsmTestKit.Mismatch(reopened, acknowledged) is { } problem) return $"after reopening: {problem}";
            reopened.Put("after"u8, "reopen"u8);
            return null;
        }
        catch (CorruptionException e)
        {
            return $"the reopen failed: {e.Message}";
        }
    }

    private static bool WalAppend(FileOperation op, string path) => op == FileOperation.Append && path.EndsWith(".log", StringComparison.Ordinal);
    private static bool WalSync(FileOperation op, string path) => op == FileOperation.Sync && path.EndsWith(".log", StringComparison.Ordinal);
    private static bool TableCreate(FileOperation op, string path) => op == FileOperation.Create && path.EndsWith(".sst", StringComparison.Ordinal);

    [Fact]
    [Goal("1.1.4-1")]
    public void AFailedWalAppendStopsWrites() => Assert.Null(Check(StorageBug.None, WalAppend));

    [Fact]
    [Goal("1.1.4-1")]
    public void AFailedWalSyncStopsWrites() => Assert.Null(Check(StorageBug.None, WalSync));

    [Fact]
    [Goal("1.1.4-1")]
    public void AFailedFlushStopsWrites() => Assert.Null(Check(StorageBug.None, TableCreate));

    [Fact]
    [Goal("1.1.4-1")]
    public void ThePlantedForgottenIoErrorIsCaught()
    {
        var problem = Check(StorageBug.IoErrorsNotSticky, WalAppend);
        output.WriteLine($"planted {StorageBug.IoErrorsNotSticky}: {problem}");
        Assert.NotNull(problem);
    }
}
