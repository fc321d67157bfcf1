using System.Text.Json.Serialization;

namespace StatelessMind.Labs.Lifecycle.Lake.Data;

/// <summary>A sale as one Parquet row. The day is not a column: it is the partition, carried by the file's path (<c>day=2025-01-03/</c>), as in Hive and Delta.</summary>
public sealed class SaleParquetRow
{
    [JsonPropertyName("id")] public long Id { get; set; }
    [JsonPropertyName("customer_id")] public int CustomerId { get; set; }
    [JsonPropertyName("product")] public string Product { get; set; } = "";
    [JsonPropertyName("quantity")] public int Quantity { get; set; }
    [JsonPropertyName("amount_cents")] public long AmountCents { get; set; }
}
