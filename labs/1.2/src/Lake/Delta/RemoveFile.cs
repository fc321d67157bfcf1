using System.Text.Json.Serialization;

namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>The <c>remove</c> action: a data file leaves the table (a tombstone; the file stays until vacuum).</summary>
public sealed class RemoveFile
{
    [JsonPropertyName("path")] public string Path { get; set; } = "";
    [JsonPropertyName("deletionTimestamp")] public long DeletionTimestamp { get; set; }
    [JsonPropertyName("dataChange")] public bool DataChange { get; set; }
    [JsonPropertyName("partitionValues")] public Dictionary<string, string>? PartitionValues { get; set; }
    [JsonPropertyName("size")] public long? Size { get; set; }
}
