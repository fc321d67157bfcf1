namespace StatelessMind.Labs.Programming;

/// <summary>One checkpoint of a growth run: after <paramref name="Pushes"/> pushes, the copies made so far.</summary>
public sealed record GrowthPoint(ulong Pushes, ulong Capacity, ulong Grows, ulong ElementsCopied, ulong ElementsMoved)
{
    public double CopiesPerPush => (double)ElementsCopied / Pushes;

    /// <summary>Share of the copies realloc really performed (the rest it avoided by growing in place).</summary>
    public double MovedShare => ElementsCopied == 0 ? 0 : (double)ElementsMoved / ElementsCopied;
}
