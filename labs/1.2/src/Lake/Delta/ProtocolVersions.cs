using System.Text.Json.Serialization;

namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>The <c>protocol</c> action: the oldest reader and writer versions that may touch the table (1 and 2: no table features).</summary>
public sealed class ProtocolVersions
{
    [JsonPropertyName("minReaderVersion")] public int MinReaderVersion { get; set; } = 1;
    [JsonPropertyName("minWriterVersion")] public int MinWriterVersion { get; set; } = 2;
}
