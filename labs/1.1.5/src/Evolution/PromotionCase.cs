namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// One writer/reader type pair for a single field <c>value</c>: the types as Avro JSON, a value written with the
/// writer's type, and the value a reader should get (null when no value would be right, e.g. a decimal read at another scale).
/// </summary>
public sealed record PromotionCase(string Name, string WriterType, string ReaderType, object? Written, object? Expected);
