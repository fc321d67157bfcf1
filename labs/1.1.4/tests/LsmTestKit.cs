using System.Text;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Labs.Storage.Tests;

/// <summary>Keys, values and small options for the LSM tests.</summary>
internal static class LsmTestKit
{
    public static byte[] Key(int i) => Encoding.ASCII.GetBytes($"key{i:D10}");

    public static byte[] Value(int i, int version) => Encoding.ASCII.GetBytes($"value-{i}-{version}-" + new string((char)('a' + i % 26), 20 + i % 40));

    /// <summary>Tiny memtables and levels, so that a few thousand writes flush and compact many times.</summary>
    public static LsmOptions Small(bool background = false, Func<string, bool>? crashAt = null) => new()
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
    };

    /// <summary>Every acknowledged key has its last acknowledged value (or is absent if last deleted).</summary>
    public static void AssertMatches(LsmTree tree, IReadOnlyDictionary<string, byte[]?> acknowledged)
    {
        foreach (var (key, value) in acknowledged)
        {
            var actual = tree.Get(Encoding.ASCII.GetBytes(key));
            if (value is null) Assert.True(actual is null, $"{key} was deleted but reads {Encoding.ASCII.GetString(actual ?? [])}");
            else Assert.True(actual is not null && actual.AsSpan().SequenceEqual(value), $"{key}: expected {Encoding.ASCII.GetString(value)}, got {(actual is null ? "nothing" : Encoding.ASCII.GetString(actual))}");
        }
    }
}
