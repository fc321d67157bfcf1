namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>A suite file that cannot be read: names the file, the expectation (position and type) and the field at fault.</summary>
public sealed class SuiteFormatException : Exception
{
    public SuiteFormatException(string source, int? expectationIndex, string? expectationType, string? field, string problem)
        : base($"{source}: {Where(expectationIndex, expectationType, field)}{problem}")
    {
        Source = source;
        ExpectationIndex = expectationIndex;
        ExpectationType = expectationType;
        Field = field;
        Problem = problem;
    }

    public new string Source { get; }

    /// <summary>The expectation's position in the suite's list (0-based); null for a problem outside the list.</summary>
    public int? ExpectationIndex { get; }

    public string? ExpectationType { get; }

    public string? Field { get; }

    public string Problem { get; }

    private static string Where(int? index, string? type, string? field) =>
        (index is { } i ? $"expectation {i}{(type is null ? "" : $" ({type})")}: " : "") + (field is null ? "" : $"field '{field}': ");
}
