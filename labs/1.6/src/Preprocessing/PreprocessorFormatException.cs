namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>A serialized preprocessor cannot be loaded: not JSON, another format version, a field missing or out of range.
/// Names the field (a JSON path such as <c>$.columns[2].scale</c>) and what was expected.</summary>
public sealed class PreprocessorFormatException(string field, string expected, Exception? inner = null)
    : Exception($"serialized preprocessor, {field}: expected {expected}.", inner)
{
    public string Field { get; } = field;
}
