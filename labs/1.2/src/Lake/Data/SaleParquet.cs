using System.Globalization;
using Parquet.Serialization;

namespace StatelessMind.Labs.Lifecycle.Lake.Data;

/// <summary>Encodes one partition's sales as a Parquet file (Parquet.Net) and back; the day comes from the partition path.</summary>
public static class SaleParquet
{
    public static async Task<byte[]> EncodeAsync(IEnumerable<SaleRecord> rows, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows.Select(r => new SaleParquetRow
        {
            Id = r.Id, CustomerId = r.CustomerId, Product = r.Product, Quantity = r.Quantity, AmountCents = r.AmountCents,
        }), buffer, cancellationToken: cancellationToken);
        return buffer.ToArray();
    }

    public static async Task<IReadOnlyList<SaleRecord>> DecodeAsync(byte[] file, DateOnly day, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream(file, writable: false);
        var result = await ParquetSerializer.DeserializeAsync<SaleParquetRow>(stream, cancellationToken: cancellationToken);
        return result.Data.Select(r => new SaleRecord(r.Id, r.CustomerId, day, r.Product, r.Quantity, r.AmountCents)).ToList();
    }

    /// <summary>The partition folder of a day: <c>day=2025-01-03</c>.</summary>
    public static string PartitionOf(DateOnly day) => "day=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The day named by a key's <c>day=…</c> segment.</summary>
    public static DateOnly DayOfKey(string key)
    {
        var segment = key.Split('/').FirstOrDefault(s => s.StartsWith("day=", StringComparison.Ordinal))
                      ?? throw new FormatException($"'{key}' has no day=yyyy-MM-dd partition segment.");
        return DateOnly.ParseExact(segment[4..], "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
