using System.Text.Json.Serialization;

namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>The <c>add</c> action: a data file (path relative to the table root) joins the table.</summary>
public sealed class AddFile
{
    [JsonPropertyName("path")] public string Path { get; set; } = "";
    [JsonPropertyName("partitionValues")] public Dictionary<string, string> PartitionValues { get; set; } = [];
    [JsonPropertyName("size")] public long Size { get; set; }
    [JsonPropertyName("modificationTime")] public long ModificationTime { get; set; }
    [JsonPropertyName("dataChange")] public bool DataChange { get; set; }
    /// <summary>Per-file statistics as a JSON string, as the protocol stores them: here <c>{"numRecords":N}</c>.</summary>
    [JsonPropertyName("stats")] public string? Stats { get; set; }
}
