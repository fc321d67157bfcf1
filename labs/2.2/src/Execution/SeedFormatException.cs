namespace StatelessMind.Labs.Transformation.Execution;

/// <summary>A seed CSV that cannot be loaded: names the file and the line.</summary>
public sealed class SeedFormatException(string file, int line, string problem) : Exception($"{file}:{line}: {problem}");
