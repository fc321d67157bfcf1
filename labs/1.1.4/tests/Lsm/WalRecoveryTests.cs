using System.Buffers.Binary;
using StatelessMind.Labs.Storage.Lsm;
using StatelessMind.Labs.Storage.Lsm.Files;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>WAL replay: the header has its own checksum; damage at the very end is a torn write and is cut off; damage
/// with a valid record after it is corruption, reported with the file and the record's offset, and nothing is cut.</summary>
public sealed class WalRecoveryTests(ITestOutputHelper output)
{
    private const int Records = 50;
    private static readonly LsmOptions Inline = new() { BackgroundMaintenance = false };

    /// <summary>A tree whose only WAL holds <see cref="Records"/> records (one put each); returns the log's path and record offsets.</summary>
    private static (FaultInjectionFileSystem Disk, string Wal, List<int> Offsets) LogOfFiftyRecords()
    {
        var disk = new FaultInjectionFileSystem();
        using (var tree = LsmTree.Open(LsmTestKit.VirtualDirectory, Inline.On(disk)))
            for (var i = 0; i < Records; i++) tree.Put(LsmTestKit.Key(i), LsmTestKit.Value(i, 0));
        var files = disk.NewProcess();
        var wal = files.ListFiles(LsmTestKit.VirtualDirectory).Where(n => n.EndsWith(".log", StringComparison.Ordinal)).Select(n => $"{LsmTestKit.VirtualDirectory}/{n}").Single();
        var bytes = files.ReadAllBytes(wal);
        var offsets = new List<int>();
        for (var p = 0; p < bytes.Length; p += WriteAheadLog.HeaderBytes + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(p))) offsets.Add(p);
        Assert.Equal(Records, offsets.Count);
        return (disk, wal, offsets);
    }

    private static long Length(FaultInjectionFileSystem disk, string path) => disk.NewProcess().ReadAllBytes(path).Length;

    /// <summary>Flips a bit in the length field of record 3 of 50: null when Open reports corruption at that record's
    /// offset and leaves the log intact, else what happened instead.</summary>
    internal static string? CheckDamagedLength(StorageBug bug)
    {
        var (disk, wal, offsets) = LogOfFiftyRecords();
        var before = Length(disk, wal);
        disk.Corrupt(wal, offsets[3] + 3, 0x40); // the length's high byte: it now points past the end of the file
        try
        {
            using var tree = LsmTree.Open(LsmTestKit.VirtualDirectory, Inline.On(disk) with { Bug = bug });
            var recovery = tree.Recovery.Single();
            return $"Open succeeded: {recovery.Records} of {Records} records replayed, {recovery.TruncatedBytes} of {before} bytes cut off as a torn tail";
        }
        catch (CorruptionException e)
        {
            if (e.File != wal || e.Offset != offsets[3]) return $"reported {e.File} at {e.Offset}, expected {wal} at {offsets[3]}";
            return Length(disk, wal) == before ? null : "reported the damage but truncated the log anyway";
        }
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void ADamagedLengthInAnEarlyRecordIsReportedWithFileAndOffset() => Assert.Null(CheckDamagedLength(StorageBug.None));

    [Fact]
    [Goal("1.1.4-1")]
    public void ThePlantedUncheckedHeaderIsCaught()
    {
        var problem = CheckDamagedLength(StorageBug.WalHeaderUnchecked);
        output.WriteLine($"planted {StorageBug.WalHeaderUnchecked}: {problem}");
        Assert.NotNull(problem);
    }

    [Theory]
    [Goal("1.1.4-1")]
    [InlineData("header checksum", 9)]
    [InlineData("payload", 30)]
    [InlineData("payload checksum", 5)]
    public void DamageInsideTheLogIsReportedAndNothingIsCut(string what, int byteInRecord)
    {
        var (disk, wal, offsets) = LogOfFiftyRecords();
        var before = Length(disk, wal);
        disk.Corrupt(wal, offsets[10] + byteInRecord, 0x01);
        var e = Assert.Throws<CorruptionException>(() => LsmTree.Open(LsmTestKit.VirtualDirectory, Inline.On(disk)));
        Assert.Equal((wal, (long)offsets[10]), (e.File, e.Offset));
        Assert.Equal(before, Length(disk, wal));
        output.WriteLine($"{what}: {e.Message}");
    }

    [Theory]
    [Goal("1.1.4-1")]
    [InlineData("inside the last record's payload", -10)]
    [InlineData("inside the last record's header", -120)]
    public void ATornTailIsCutAndEveryCompleteRecordReplayed(string where, int cutFromEnd)
    {
        var (disk, wal, offsets) = LogOfFiftyRecords();
        var length = Length(disk, wal);
        var cutAt = cutFromEnd > -100 ? length + cutFromEnd : offsets[^1] + 5; // mid-payload, or mid-header of the last record
        disk.CutTo(wal, cutAt);
        using var tree = LsmTree.Open(LsmTestKit.VirtualDirectory, Inline.On(disk));
        var recovery = tree.Recovery.Single();
        Assert.Equal(Records - 1, recovery.Records);
        Assert.Equal(offsets[^1], recovery.ValidBytes);
        Assert.Equal(cutAt - offsets[^1], recovery.TruncatedBytes);
        for (var i = 0; i < Records - 1; i++) Assert.Equal(LsmTestKit.Value(i, 0), tree.Get(LsmTestKit.Key(i)));
        Assert.Null(tree.Get(LsmTestKit.Key(Records - 1)));
        output.WriteLine($"cut {where}: {recovery.Records} records replayed, {recovery.TruncatedBytes} torn bytes cut at offset {recovery.ValidBytes}");
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void AZeroFilledTailIsTornNotCorrupt()
    {
        var (disk, wal, _) = LogOfFiftyRecords();
        var files = disk.NewProcess();
        var bytes = files.ReadAllBytes(wal);
        files.Delete(wal);
        using (var f = files.Create(wal, buffered: false)) f.Append([.. bytes, .. new byte[4096]]); // a size extended before its data arrived
        using var tree = LsmTree.Open(LsmTestKit.VirtualDirectory, Inline.On(disk));
        Assert.Equal((Records, 4096L), (tree.Recovery.Single().Records, tree.Recovery.Single().TruncatedBytes));
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void TheSameRecordsOnTheOperatingSystemsFileSystem()
    {
        using var dir = new TempDirectory("wal");
        using (var tree = LsmTree.Open(dir.Path, Inline))
            for (var i = 0; i < Records; i++) tree.Put(LsmTestKit.Key(i), LsmTestKit.Value(i, 0));
        var wal = Directory.GetFiles(dir.Path, "*.log").Single();
        var bytes = File.ReadAllBytes(wal);
        bytes[WriteAheadLog.HeaderBytes + 20] ^= 0xFF; // inside the first record's payload
        File.WriteAllBytes(wal, bytes);
        var error = Assert.Throws<CorruptionException>(() => LsmTree.Open(dir.Path, Inline));
        Assert.Equal((wal, 0L), (error.File, error.Offset));
        Assert.Equal(bytes.Length, new FileInfo(wal).Length);
        output.WriteLine(error.Message);
    }
}
