namespace StatelessMind.Runner.Exercises;

/// <summary>Something wrong with a region or its markers, at a file and line (1-based; 0 when it is about the whole file).</summary>
public sealed record RegionProblem(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
