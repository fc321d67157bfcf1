using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// exercises.json at the root of a learner's copy: the labs and goals turned into exercises and their tasks, each
/// with its stub's place in the copy. <c>stateless-mind progress</c> reads it, since the regions are gone from the copy.
/// </summary>
public sealed record ExerciseManifest(IReadOnlyList<string> Labs, IReadOnlyList<string> Goals, IReadOnlyList<ExerciseTask> Tasks)
{
    public const string FileName = "exercises.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string PathIn(string root) => Path.Combine(root, FileName);

    public void Save(string root) => File.WriteAllText(PathIn(root), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The manifest of the copy at <paramref name="root"/>, or null when it is not a learner's copy.</summary>
    public static ExerciseManifest? Load(string root)
    {
        var path = PathIn(root);
        if (!File.Exists(path)) return null;
        try
        {
            var manifest = JsonSerializer.Deserialize<ExerciseManifest>(File.ReadAllText(path), Json);
            return manifest is { Labs: not null, Goals: not null, Tasks: not null } ? manifest
                : throw new FormatException($"{path}: the manifest lacks its labs, goals or tasks; regenerate the copy with `stateless-mind exercise`.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not an exercise manifest ({e.Message}); regenerate the copy with `stateless-mind exercise`.", e);
        }
    }
}
