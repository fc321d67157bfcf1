namespace StatelessMind.Runner.Exercises;

/// <summary>The test-hook names no region may hold: test-hooks.txt beside this file (built in), or a file of the same form.</summary>
public static class TestHooks
{
    public static IReadOnlyList<string> Default { get; } = Parse(ReadEmbedded());

    public static IReadOnlyList<string> Load(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path)) : throw new ExerciseRequestException($"The test-hook list {path} does not exist.");

    public static IReadOnlyList<string> Parse(string text) =>
        RegionParser.SplitLines(text)
            .Select(l => (l.IndexOf('#', StringComparison.Ordinal) is var i and >= 0 ? l[..i] : l).Trim())
            .Where(l => l.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static string ReadEmbedded()
    {
        using var stream = typeof(TestHooks).Assembly.GetManifestResourceStream("StatelessMind.Runner.Exercises.test-hooks.txt")
            ?? throw new InvalidOperationException("The built-in test-hook list is missing from the runner assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
