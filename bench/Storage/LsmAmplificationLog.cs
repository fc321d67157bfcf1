using System.Globalization;
using StatelessMind.Harness;
using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Bench.Storage;

/// <summary>Writes the LSM tree's own counters (write amplification, blocks per lookup, bloom false positives)
/// measured during a benchmark run to bench/reports/StorageLsmCounters.md, beside BenchmarkDotNet's report.</summary>
public static class LsmAmplificationLog
{
    private static readonly Lock Gate = new();

    public static void Append(string benchmark, string figure, double value, string unit)
    {
        var path = Path.Combine(RepositoryLayout.Locate().Root, "bench", "reports", "StorageLsmCounters.md");
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path))
                File.WriteAllText(path, "# LSM tree counters measured during bench/Storage runs\n\n| time (UTC) | benchmark | figure | value | unit |\n|---|---|---|---:|---|\n");
            File.AppendAllText(path, string.Create(CultureInfo.InvariantCulture,
                $"| {DateTime.UtcNow:yyyy-MM-dd HH:mm} | {benchmark} | {figure} | {value:0.####} | {unit} |\n"));
        }
    }

    public static void AppendWrite(string benchmark, LsmStats s)
    {
        Append(benchmark, "write amplification (WAL + tables) / user bytes", s.WriteAmplification, "×");
        Append(benchmark, "table write amplification (flush + compaction) / user bytes", s.TableWriteAmplification, "×");
        Append(benchmark, "compactions", s.Compactions, "");
        Append(benchmark, "write stalls", s.WriteStalls, "");
    }
}
