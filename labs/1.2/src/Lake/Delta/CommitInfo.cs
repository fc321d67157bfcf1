using System.Text.Json.Serialization;

namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>The <c>commitInfo</c> action: provenance only (what operation, when, read at which version); readers ignore it.</summary>
public sealed class CommitInfo
{
    [JsonPropertyName("timestamp")] public long Timestamp { get; set; }
    [JsonPropertyName("operation")] public string Operation { get; set; } = "";
    [JsonPropertyName("readVersion")] public long? ReadVersion { get; set; }
    [JsonPropertyName("isBlindAppend")] public bool IsBlindAppend { get; set; }
    [JsonPropertyName("engineInfo")] public string EngineInfo { get; set; } = "StatelessMind.Lifecycle/1.2-3";
}
