namespace StatelessMind.Dataflow.Partitioning;

/// <summary>Decides which of <see cref="NumPartitions"/> partitions a key belongs to.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
public abstract class Partitioner<TKey> where TKey : notnull
{
    protected Partitioner(int numPartitions)
    {
        if (numPartitions < 1) throw new ArgumentOutOfRangeException(nameof(numPartitions), numPartitions, "A partitioner needs at least one partition.");
        NumPartitions = numPartitions;
    }

    public int NumPartitions { get; }

    /// <summary>The partition of <paramref name="key"/>, in [0, <see cref="NumPartitions"/>).</summary>
    public abstract int GetPartition(TKey key);

    /// <summary>Two datasets partitioned by equal partitioners are co-partitioned: a join needs no shuffle.</summary>
    public abstract bool SamePartitioningAs(Partitioner<TKey> other);
}
