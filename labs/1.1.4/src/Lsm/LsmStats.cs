namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// Counters of an <see cref="LsmTree"/> since it was opened. Write amplification = bytes written to
/// storage (WAL + flushed and compacted tables) per byte the user wrote; read amplification = data
/// blocks read per point lookup; bloom false positives = tables whose filter said "maybe" but did not hold the key.
/// </summary>
public sealed record LsmStats
{
    public long UserBytes { get; init; }
    public long Puts { get; init; }
    public long Deletes { get; init; }
    public long WalBytes { get; init; }
    public long WalSyncs { get; init; }
    public long WriteGroups { get; init; }
    public long FlushBytes { get; init; }
    public long Flushes { get; init; }
    public long CompactionBytesRead { get; init; }
    public long CompactionBytesWritten { get; init; }
    public long Compactions { get; init; }
    public long TombstonesDropped { get; init; }
    public long WriteStalls { get; init; }
    public long Gets { get; init; }
    public long DataBlocksRead { get; init; }
    public long BloomChecks { get; init; }
    public long BloomNegatives { get; init; }
    public long BloomFalsePositives { get; init; }

    /// <summary>(WAL + flush + compaction bytes written) / user bytes.</summary>
    public double WriteAmplification => UserBytes == 0 ? 0 : (double)(WalBytes + FlushBytes + CompactionBytesWritten) / UserBytes;

    /// <summary>(flush + compaction bytes written) / user bytes: the table part of write amplification.</summary>
    public double TableWriteAmplification => UserBytes == 0 ? 0 : (double)(FlushBytes + CompactionBytesWritten) / UserBytes;

    public double DataBlocksPerGet => Gets == 0 ? 0 : (double)DataBlocksRead / Gets;

    /// <summary>False positives / filter probes of tables that did not hold the key.</summary>
    public double BloomFalsePositiveRate => BloomNegatives + BloomFalsePositives == 0 ? 0 : (double)BloomFalsePositives / (BloomNegatives + BloomFalsePositives);

    public double WritesPerGroup => WriteGroups == 0 ? 0 : (double)(Puts + Deletes) / WriteGroups;

    public LsmStats Minus(LsmStats before) => new()
    {
        UserBytes = UserBytes - before.UserBytes, Puts = Puts - before.Puts, Deletes = Deletes - before.Deletes,
        WalBytes = WalBytes - before.WalBytes, WalSyncs = WalSyncs - before.WalSyncs, WriteGroups = WriteGroups - before.WriteGroups,
        FlushBytes = FlushBytes - before.FlushBytes, Flushes = Flushes - before.Flushes,
        CompactionBytesRead = CompactionBytesRead - before.CompactionBytesRead, CompactionBytesWritten = CompactionBytesWritten - before.CompactionBytesWritten,
        Compactions = Compactions - before.Compactions, TombstonesDropped = TombstonesDropped - before.TombstonesDropped,
        WriteStalls = WriteStalls - before.WriteStalls, Gets = Gets - before.Gets, DataBlocksRead = DataBlocksRead - before.DataBlocksRead,
        BloomChecks = BloomChecks - before.BloomChecks, BloomNegatives = BloomNegatives - before.BloomNegatives,
        BloomFalsePositives = BloomFalsePositives - before.BloomFalsePositives,
    };
}
