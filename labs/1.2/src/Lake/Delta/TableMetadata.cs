using System.Text.Json.Serialization;

namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>The <c>metaData</c> action: the table's id, schema (Spark's JSON schema string) and partition columns.</summary>
public sealed class TableMetadata
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("format")] public TableFormat Format { get; set; } = new();
    [JsonPropertyName("schemaString")] public string SchemaString { get; set; } = "";
    [JsonPropertyName("partitionColumns")] public List<string> PartitionColumns { get; set; } = [];
    [JsonPropertyName("configuration")] public Dictionary<string, string> Configuration { get; set; } = [];
    [JsonPropertyName("createdTime")] public long? CreatedTime { get; set; }
}
