using System.Globalization;
using System.Text.RegularExpressions;
using RocksDbSharp;

namespace StatelessMind.Bench.Storage;

/// <summary>An open RocksDB and the options that hold its statistics: its own counters of bytes written (WAL, flushes,
/// compactions), and a wait for its background work, the same untimed drain the LSM tree gets.</summary>
public sealed partial class RocksEngine(RocksDb db, DbOptions options) : IDisposable
{
    public RocksDb Db { get; } = db;

    [GeneratedRegex(@"^(?<name>[a-z0-9.\-_]+) COUNT : (?<count>\d+)$", RegexOptions.Multiline)]
    private static partial Regex Ticker();

    /// <summary>RocksDB's own tickers, from its statistics.</summary>
    public IReadOnlyDictionary<string, long> Tickers() =>
        Ticker().Matches(options.GetStatisticsString() ?? "").ToDictionary(m => m.Groups["name"].Value, m => long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture));

    /// <summary>Bytes RocksDB wrote to its WAL, its flushed tables and its compaction outputs, by its own statistics.</summary>
    public (long Wal, long Flush, long Compaction) BytesWritten()
    {
        var t = Tickers();
        return (t.GetValueOrDefault("rocksdb.wal.bytes"), t.GetValueOrDefault("rocksdb.flush.write.bytes"), t.GetValueOrDefault("rocksdb.compact.write.bytes"));
    }

    /// <summary>Waits until no flush or compaction is pending or running (untimed set-up work in the benchmarks).</summary>
    public void WaitForCompactions()
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline &&
               (Db.GetProperty("rocksdb.compaction-pending") != "0" || Db.GetProperty("rocksdb.num-running-compactions") != "0" ||
                Db.GetProperty("rocksdb.mem-table-flush-pending") != "0" || Db.GetProperty("rocksdb.num-running-flushes") != "0"))
            Thread.Sleep(20); // polling a background engine from a benchmark's untimed set-up; RocksDB offers no wait call here
    }

    public void Dispose() => Db.Dispose();
}
