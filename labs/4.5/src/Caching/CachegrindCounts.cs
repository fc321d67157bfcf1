namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>cachegrind's data-cache counts for one function (Dr D1mr DLmr Dw D1mw DLmw).</summary>
public sealed record CachegrindCounts(long Reads, long D1ReadMisses, long LLReadMisses, long Writes, long D1WriteMisses, long LLWriteMisses)
{
    public long D1Misses => D1ReadMisses + D1WriteMisses;
    public long LLMisses => LLReadMisses + LLWriteMisses;
}
