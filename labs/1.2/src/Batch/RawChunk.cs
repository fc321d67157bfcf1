namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>A slice of the file: each data line's number and text.</summary>
public sealed record RawChunk(IReadOnlyList<long> LineNumbers, IReadOnlyList<string> Lines);
