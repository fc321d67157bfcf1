using System.Text;
using StatelessMind.Labs.Storage.Lsm;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Tests;

/// <summary>Keys, values and small options for the LSM tests.</summary>
internal static class LsmTestKit
{
    /// <summary>Where trees live on a <see cref="FaultInjectionFileSystem"/> (a path in memory, not on disk).</summary>
    public const string VirtualDirectory = "/lsm";

    public static byte[] Key(int i) => Encoding.ASCII.GetBytes($"key{i:D10}");

    public static byte[] Value(int i, int version) => Encoding.ASCII.GetBytes($"value-{i}-{version}-" + new string((char)('a' + i % 26), 20 + i % 40));

    /// <summary>Tiny memtables and levels, so that a few thousand writes flush and compact many times.</summary>
    public static LsmOptions Small(bool background = false, Func<string, bool>? crashAt = null, StorageBug bug = StorageBug.None) => new()
    {
        MemtableBytes = 16 * 1024,
        BlockBytes = 512,
        Level0CompactionTrigger = 3,
        Level0StopWritesTrigger = 8,
        Level1MaxBytes = 48 * 1024,
        LevelSizeMultiplier = 4,
        TargetFileBytes = 16 * 1024,
        BackgroundMaintenance = background,
        CrashAt = crashAt,
        Bug = bug,
    };

    /// <summary><paramref name="options"/> on a fresh process of <paramref name="disk"/>.</summary>
    public static LsmOptions On(this LsmOptions options, FaultInjectionFileSystem disk) => options with { FileSystem = disk.NewProcess() };

    /// <summary>Every acknowledged key has its last acknowledged value (or is absent if last deleted).</summary>
    public static void AssertMatches(LsmTree tree, IReadOnlyDictionary<string, byte[]?> acknowledged)
    {
        if (Mismatch(tree, acknowledged) is { } problem) Assert.Fail(problem);
    }

    /// <summary>The first acknowledged key that does not read back as acknowledged, or null.</summary>
    public static string? Mismatch(LsmTree tree, IReadOnlyDictionary<string, byte[]?> acknowledged)
    {
        foreach (var (key, value) in acknowledged)
        {
            var actual = tree.Get(Encoding.ASCII.GetBytes(key));
            if (value is null && actual is not null) return $"{key} was deleted but reads {Encoding.ASCII.GetString(actual)}";
            if (value is not null && (actual is null || !actual.AsSpan().SequenceEqual(value)))
                return $"{key}: expected {Encoding.ASCII.GetString(value)}, got {(actual is null ? "nothing" : Encoding.ASCII.GetString(actual))}";
        }
        return null;
    }
}
