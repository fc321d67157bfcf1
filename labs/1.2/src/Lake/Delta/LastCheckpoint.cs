using System.Text.Json.Serialization;

namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>The <c>_delta_log/_last_checkpoint</c> file: the latest checkpoint's version and its number of actions.</summary>
public sealed class LastCheckpoint
{
    [JsonPropertyName("version")] public long Version { get; set; }
    [JsonPropertyName("size")] public long Size { get; set; }
}
