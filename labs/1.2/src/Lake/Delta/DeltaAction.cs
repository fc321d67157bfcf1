using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatelessMind.Labs.Lifecycle.Lake.Delta;

/// <summary>
/// One action of a commit: exactly one of the properties is set. A commit file is one JSON object per line
/// (<c>{"add":{…}}</c>); a checkpoint is a Parquet file with one row per action and one struct column per kind —
/// this same class, serialized both ways.
/// </summary>
public sealed class DeltaAction
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [JsonPropertyName("protocol")] public ProtocolVersions? Protocol { get; set; }
    [JsonPropertyName("metaData")] public TableMetadata? MetaData { get; set; }
    [JsonPropertyName("add")] public AddFile? Add { get; set; }
    [JsonPropertyName("remove")] public RemoveFile? Remove { get; set; }
    [JsonPropertyName("commitInfo")] public CommitInfo? CommitInfo { get; set; }

    public static DeltaAction Of(AddFile add) => new() { Add = add };
    public static DeltaAction Of(RemoveFile remove) => new() { Remove = remove };

    /// <summary>A commit file's bytes: newline-delimited JSON.</summary>
    public static byte[] Serialize(IEnumerable<DeltaAction> actions) =>
        System.Text.Encoding.UTF8.GetBytes(string.Join('\n', actions.Select(a => JsonSerializer.Serialize(a, Json))) + "\n");

    /// <summary>Parses a commit file; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<DeltaAction> Parse(byte[] commit, string source)
    {
        var actions = new List<DeltaAction>();
        var lineNumber = 0;
        foreach (var line in System.Text.Encoding.UTF8.GetString(commit).Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            try
            {
                actions.Add(JsonSerializer.Deserialize<DeltaAction>(line, Json) ?? throw new JsonException("null action"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{source}:{lineNumber}: not a Delta action ({e.Message})", e);
            }
        }
        return actions;
    }
}
