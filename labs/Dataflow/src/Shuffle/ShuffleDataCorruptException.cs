namespace StatelessMind.Dataflow.Shuffle;

/// <summary>Shuffle or intermediate data that cannot be decoded: which source, at which byte offset, and what was expected there.</summary>
public sealed class ShuffleDataCorruptException(string source, long offset, string expected)
    : Exception($"{source}: at byte {offset} expected {expected}.")
{
    public string SourceName { get; } = source;
    public long Offset { get; } = offset;
    public string Expected { get; } = expected;
}
