namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>A record in the middle of the decision log fails its checksum or does not parse:
/// the log cannot be trusted, and recovery must stop rather than guess a decision.</summary>
public sealed class DecisionLogCorruptException(string path, int line, long offset, string problem)
    : Exception($"{path}:{line} (byte offset {offset}): {problem}")
{
    public string Path { get; } = path;
    public int Line { get; } = line;
    public long Offset { get; } = offset;
}
