namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>Stored data failed its checksum or format check: which file, at which byte offset, and what was wrong.
/// Corrupt bytes are never returned as data.</summary>
public sealed class CorruptionException(string file, long offset, string problem)
    : IOException($"Corruption in '{file}' at offset {offset}: {problem}")
{
    public string File { get; } = file;
    public long Offset { get; } = offset;
    public string Problem { get; } = problem;
}
