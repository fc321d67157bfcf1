namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>What a quorum read returned: nothing (<see cref="Ok"/> false: fewer than R replies before the timeout), or the
/// versions it reconciled from the replies — one under last-writer-wins, possibly several siblings under vector clocks.</summary>
public sealed record ReadResult(bool Ok, IReadOnlyList<Versioned> Siblings)
{
    public static ReadResult Failed { get; } = new(false, []);

    /// <summary>The value when there is exactly one version, else null (absent, or siblings to merge).</summary>
    public string? Value => Siblings.Count == 1 ? Siblings[0].Value : null;

    /// <summary>The context for a write that follows this read: the merge of every sibling's clock.</summary>
    public VectorClock Context => Siblings.Aggregate(VectorClock.Empty, (c, v) => c.Merge(v.Clock));
}
