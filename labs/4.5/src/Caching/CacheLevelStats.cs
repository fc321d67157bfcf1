namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>What one level saw. Misses split into the three Cs (zero when classification is off).</summary>
public sealed record CacheLevelStats(
    long Accesses, long Reads, long Writes, long Hits, long Misses, long ReadMisses, long WriteMisses,
    long Compulsory, long Capacity, long Conflict, long Evictions, long Writebacks, long WritesForwarded)
{
    public double MissRate => Accesses == 0 ? 0 : (double)Misses / Accesses;
}
