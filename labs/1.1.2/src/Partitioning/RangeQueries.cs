using StatelessMind.Dataflow.Partitioning;

namespace StatelessMind.Labs.Scalability.Partitioning;

/// <summary>A range query over partitioned data: with range partitioning only the partitions whose ranges overlap the
/// query are read; with any other partitioning, all of them.</summary>
public static class RangeQueries
{
    /// <summary>The keys in [low, high], reading only the partitions the partitioner says can hold them.</summary>
    public static (IReadOnlyList<int> Keys, int PartitionsRead, long RecordsRead) Pruned(IReadOnlyList<IReadOnlyList<int>> partitions,
        RangePartitioner<int> partitioner, int low, int high)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentNullException.ThrowIfNull(partitioner);
        #region Exercise 1.1.2-3f: read only the partitions from the one holding low to the one holding high (tests: RangeQueryTests.A_pruned*, RangeQueryTests.Planted*)
        var (first, last) = partitioner.PartitionsFor(low, high);
        var keys = new List<int>();
        long read = 0;
        for (var p = first; p <= last; p++)
        {
            read += partitions[p].Count;
            keys.AddRange(partitions[p].Where(k => k >= low && k <= high));
        }
        return (keys, last - first + 1, read);
        #endregion
    }

    /// <summary>The same query reading every partition.</summary>
    public static IReadOnlyList<int> FullScan(IReadOnlyList<IReadOnlyList<int>> partitions, int low, int high) =>
        [.. (partitions ?? throw new ArgumentNullException(nameof(partitions))).SelectMany(p => p).Where(k => k >= low && k <= high)];
}
