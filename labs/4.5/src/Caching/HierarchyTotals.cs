namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>Totals over the hierarchy: CPU accesses, memory traffic, and the measured average access time.</summary>
/// <param name="ServedBy">Demand accesses satisfied by each level; the last entry is memory.</param>
public sealed record HierarchyTotals(long CpuAccesses, long MemoryReads, long MemoryWrites, double TotalLatency, double Amat, IReadOnlyList<long> ServedBy)
{
    /// <summary>Fraction of CPU accesses served by level <paramref name="level"/> (levels.Count = memory).</summary>
    public double ServedFraction(int level) => CpuAccesses == 0 ? 0 : (double)ServedBy[level] / CpuAccesses;
}
