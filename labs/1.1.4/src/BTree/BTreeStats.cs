namespace StatelessMind.Labs.Storage.BTree;

/// <summary>Shape and I/O counters of a <see cref="NativeBTree"/>.</summary>
public sealed record BTreeStats(
    ulong Count,
    int Height,
    int PageSize,
    int LeafCapacity,
    int InnerCapacity,
    ulong PageCount,
    ulong FreePages,
    ulong CacheHits,
    ulong CacheMisses,
    ulong PagesRead,
    ulong PagesWritten)
{
    public long FileBytes => (long)PageCount * PageSize;
}
