using System.Text;
using StatelessMind.Labs.Storage.Lsm;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>The tree copies at its API boundary: a caller that changes the arrays it passed to Write, or the array Get
/// returned, changes nothing stored (not the memtable, not the table flushed from it, not what the WAL replays).</summary>
public sealed class ApiBoundaryTests(ITestOutputHelper output)
{
    internal static string? Check(StorageBug bug)
    {
        var disk = new FaultInjectionFileSystem();
        var options = new LsmOptions { BackgroundMaintenance = false, Bug = bug };
        using (var tree = LsmTree.Open(LsmTestKit.VirtualDirectory, options.On(disk)))
        {
            var key = "key"u8.ToArray();
            var value = "original"u8.ToArray();
            tree.Write([(key, value)]);
            value[0] = (byte)'X';
            key[0] = (byte)'Y';
            if (Read(tree) is var afterCallerChange && afterCallerChange != "original") return $"changing the caller's arrays after Write changed what is stored: the key reads {Show(afterCallerChange)}";
            var returned = tree.Get("key"u8)!;
            returned[1] = (byte)'Z';
            if (Read(tree) is var afterReaderChange && afterReaderChange != "original") return $"changing the array Get returned changed the stored value to {Show(afterReaderChange)}";
            tree.Put("other"u8, "in the WAL"u8);
        }
        using (var reopened = LsmTree.Open(LsmTestKit.VirtualDirectory, options.On(disk)))
        {
            if (Read(reopened) is var replayed && replayed != "original") return $"after WAL replay the key reads {Show(replayed)}";
            reopened.Flush();
            return Read(reopened) is var flushed && flushed != "original" ? $"after a flush the key reads {Show(flushed)}" : null;
        }

        static string? Read(LsmTree tree) => tree.Get("key"u8) is { } v ? Encoding.ASCII.GetString(v) : null;
        static string Show(string? value) => value is null ? "nothing" : $"\"{value}\"";
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void CallersCannotChangeStoredData() => Assert.Null(Check(StorageBug.None));

    [Fact]
    [Goal("1.1.4-1")]
    public void ThePlantedSharedBuffersAreCaught()
    {
        var problem = Check(StorageBug.SharedBuffers);
        output.WriteLine($"planted {StorageBug.SharedBuffers}: {problem}");
        Assert.NotNull(problem);
    }
}
