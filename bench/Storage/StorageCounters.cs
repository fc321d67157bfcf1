using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Bench.Storage;

/// <summary>Counters the engines report about themselves during a run (write amplification from the LSM tree's
/// <see cref="LsmStats"/> and from RocksDB's statistics, blocks per lookup, bloom false positives), one value per
/// measured iteration; <see cref="StorageReport"/> writes their medians beside the timings.</summary>
public static class StorageCounters
{
    private static readonly Lock Gate = new();
    private static readonly List<(string Workload, string Engine, string Figure, double Value, string Unit)> Values = [];

    public static void Record(string workload, string engine, string figure, double value, string unit)
    {
        lock (Gate) Values.Add((workload, engine, figure, value, unit));
    }

    public static IReadOnlyList<(string Workload, string Engine, string Figure, double Value, string Unit)> All()
    {
        lock (Gate) return [.. Values];
    }

    /// <summary>The LSM tree's write amplification over an interval: (WAL + flush + compaction bytes written) / user bytes.</summary>
    public static void RecordLsmWrites(string workload, LsmStats s)
    {
        Record(workload, "LSM tree", "write amplification (WAL + tables)", s.WriteAmplification, "×");
        Record(workload, "LSM tree", "table write amplification (flush + compaction)", s.TableWriteAmplification, "×");
        Record(workload, "LSM tree", "write stalls", s.WriteStalls, "");
    }

    /// <summary>RocksDB's, by its own tickers rocksdb.wal.bytes, rocksdb.flush.write.bytes and rocksdb.compact.write.bytes,
    /// over the same user bytes (keys + values) as the LSM tree's.</summary>
    public static void RecordRocksWrites(string workload, (long Wal, long Flush, long Compaction) before, (long Wal, long Flush, long Compaction) after, long userBytes)
    {
        double wal = after.Wal - before.Wal, flush = after.Flush - before.Flush, compaction = after.Compaction - before.Compaction;
        Record(workload, "RocksDB", "write amplification (WAL + tables)", (wal + flush + compaction) / userBytes, "×");
        Record(workload, "RocksDB", "table write amplification (flush + compaction)", (flush + compaction) / userBytes, "×");
    }
}
