namespace StatelessMind.Dataflow.Partitioning;

/// <summary><c>pmod(hash(key), n)</c> with Spark's hash (<see cref="KeyHash"/>): even for any key distribution
/// whose hot keys are few, but a key range is scattered over every partition.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
public sealed class HashPartitioner<TKey>(int numPartitions) : Partitioner<TKey>(numPartitions) where TKey : notnull
{
    public override int GetPartition(TKey key) => SparkMurmur3.NonNegativeMod(KeyHash.Of(key), NumPartitions);

    public override bool SamePartitioningAs(Partitioner<TKey> other) => other is HashPartitioner<TKey> h && h.NumPartitions == NumPartitions;

    public override string ToString() => $"hash({NumPartitions})";
}
