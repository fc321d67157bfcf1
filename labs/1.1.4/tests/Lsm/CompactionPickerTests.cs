using System.Text;
using StatelessMind.Labs.Storage.Lsm;
using Version = StatelessMind.Labs.Storage.Lsm.Version;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>Task 1.1.4-1f: the leveled compaction picker, a pure function of a version (tables per level with their
/// sizes and key ranges, compact pointers) and the options.</summary>
public sealed class CompactionPickerTests
{
    private static readonly LsmOptions Options = new()
    {
        Level0CompactionTrigger = 4, Level0StopWritesTrigger = 12, Level1MaxBytes = 1000, LevelSizeMultiplier = 10, MaxLevels = 4,
    };

    private static long _fileNumber;

    private static TableHandle T(int level, string smallest, string largest, long bytes) =>
        TableHandle.ForMetadata(new TableMeta(Interlocked.Increment(ref _fileNumber), level, bytes, 1, Encoding.ASCII.GetBytes(smallest), Encoding.ASCII.GetBytes(largest)));

    private static Version V(params TableHandle[] tables) => V(null, tables);

    private static Version V(byte[]?[]? pointers, params TableHandle[] tables) =>
        new([.. Enumerable.Range(0, Options.MaxLevels).Select(l => (IReadOnlyList<TableHandle>)tables.Where(t => t.Meta.Level == l).OrderBy(t => t.Meta.Smallest, ByteArrayComparer.Instance).ToList())],
            pointers);

    private static List<long> Numbers(IEnumerable<TableHandle> tables) => [.. tables.Select(t => t.Meta.FileNumber).Order()];

    [Fact]
    [Goal("1.1.4-1")]
    public void NothingToDoWhileEveryLevelIsWithinItsLimit()
    {
        Assert.Null(CompactionPicker.Pick(V(), Options));
        Assert.Null(CompactionPicker.Pick(V(T(0, "a", "z", 10), T(0, "a", "z", 10), T(0, "a", "z", 10), T(1, "a", "m", 999), T(2, "a", "z", 9_999)), Options));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void LevelZeroAtItsTriggerTakesAllItsTablesAndTheOverlappingOnesBelow()
    {
        var l0 = new[] { T(0, "c", "f", 10), T(0, "e", "h", 10), T(0, "d", "g", 10), T(0, "c", "e", 10) };
        var below = new[] { T(1, "a", "b", 100), T(1, "c", "d", 100), T(1, "g", "k", 100), T(1, "m", "p", 100) };
        var job = CompactionPicker.Pick(V([.. l0, .. below]), Options)!;
        Assert.Equal((0, 1), (job.Level, job.OutputLevel));
        Assert.Equal(Numbers(l0), Numbers(job.Inputs));
        Assert.Equal(Numbers([below[1], below[2]]), Numbers(job.NextInputs)); // [c, h] overlaps c–d and g–k
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void TheLevelFurthestOverItsLimitWins()
    {
        // L1 at 1.5× its 1,000 bytes; L2 at 2× its 10,000: L2 goes first. L0 at 3/4 of its trigger does not count.
        var tables = new[] { T(0, "a", "z", 1), T(0, "a", "z", 1), T(0, "a", "z", 1), T(1, "a", "c", 750), T(1, "d", "f", 750),
            T(2, "a", "h", 10_000), T(2, "i", "p", 10_000), T(3, "a", "m", 5) };
        var job = CompactionPicker.Pick(V(tables), Options)!;
        Assert.Equal((2, 3), (job.Level, job.OutputLevel));
        Assert.Equal(Numbers([tables[5]]), Numbers(job.Inputs));
        Assert.Equal(Numbers([tables[7]]), Numbers(job.NextInputs));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void ADeeperLevelTakesOneTableAfterItsCompactPointerRoundRobin()
    {
        var l1 = new[] { T(1, "a", "c", 600), T(1, "d", "f", 600), T(1, "g", "i", 600) };
        Assert.Equal(Numbers([l1[0]]), Numbers(CompactionPicker.Pick(V(l1), Options)!.Inputs)); // no pointer: the first
        var pointers = new byte[]?[Options.MaxLevels];
        pointers[1] = "c"u8.ToArray();
        Assert.Equal(Numbers([l1[1]]), Numbers(CompactionPicker.Pick(V(pointers, l1), Options)!.Inputs));
        pointers[1] = "i"u8.ToArray(); // past the last table: wrap around
        Assert.Equal(Numbers([l1[0]]), Numbers(CompactionPicker.Pick(V(pointers, l1), Options)!.Inputs));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void TheLastLevelIsNeverCompacted()
    {
        Assert.Null(CompactionPicker.Pick(V(T(3, "a", "z", 1_000_000_000)), Options));
    }

}
