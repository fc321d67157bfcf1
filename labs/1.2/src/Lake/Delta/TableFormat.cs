using System.Text.Json.Serialization;

namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>The data files' format inside <c>metaData</c>: always Parquet here.</summary>
public sealed class TableFormat
{
    [JsonPropertyName("provider")] public string Provider { get; set; } = "parquet";
    [JsonPropertyName("options")] public Dictionary<string, string> Options { get; set; } = [];
}
