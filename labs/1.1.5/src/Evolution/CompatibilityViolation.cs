namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// A failed direction of a compatibility test: <paramref name="ReaderVersion"/> (null = the candidate)
/// could not read data written with <paramref name="WriterVersion"/> (null = the candidate), for the listed reasons.
/// </summary>
public sealed record CompatibilityViolation(int? ReaderVersion, int? WriterVersion, IReadOnlyList<Incompatibility> Problems)
{
    public string Direction => ReaderVersion is null ? "BACKWARD" : "FORWARD";

    public override string ToString()
    {
        var reader = ReaderVersion is { } r ? $"v{r}" : "the new schema";
        var writer = WriterVersion is { } w ? $"v{w}" : "the new schema";
        return $"{Direction}: {reader} cannot read data written with {writer}: {string.Join("; ", Problems)}";
    }
}
