using StatelessMind.Dataflow.Partitioning;

namespace StatelessMind.Labs.MassiveData.Recommendation;

/// <summary>Block b goes to partition b: datasets keyed by block number are co-partitioned, so joining them needs no shuffle.</summary>
public sealed class BlockPartitioner(int blocks) : Partitioner<int>(blocks)
{
    public override int GetPartition(int key) =>
        key >= 0 && key < NumPartitions ? key : throw new ArgumentOutOfRangeException(nameof(key), key, $"Block numbers run from 0 to {NumPartitions - 1}.");

    public override bool SamePartitioningAs(Partitioner<int> other) => other is BlockPartitioner b && b.NumPartitions == NumPartitions;

    /// <summary>The block of a user or item: Spark's pmod(hash(id), blocks).</summary>
    public static int BlockOf(int id, int blocks) => SparkMurmur3.NonNegativeMod(SparkMurmur3.HashInt(id), blocks);
}
