using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace StatelessMind.Bench.Encoding;

/// <summary>
/// Adds what BenchmarkDotNet cannot see to the report: bytes per record of the benchmark's format (raw,
/// gzip, brotli) and throughput in MB/s of encoded bytes (bytes per record ÷ mean time per record).
/// </summary>
public sealed class EncodedSizeColumn(string columnName, Func<FormatSizes, double> value, bool throughput = false) : IColumn
{
    public string Id => nameof(EncodedSizeColumn) + "." + columnName;
    public string ColumnName => columnName;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => throughput ? "Encoded megabytes per second (bytes per record / mean time per record)" : $"{columnName} of one record of the benchmark's format";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var sizes = FormatSizes.For(benchmarkCase.Descriptor.WorkloadMethod.Name);
        if (sizes is null) return "-";
        if (!throughput) return value(sizes).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        var meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNs is > 0 ? (sizes.RawBytesPerRecord / meanNs.Value * 1000).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
