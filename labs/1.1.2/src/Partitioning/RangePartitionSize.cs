namespace StatelessMind.Labs.Scalability.Partitioning;

/// <summary>One partition of a range repartitioning: its number, how many records it got, and its lowest and highest key.</summary>
public sealed record RangePartitionSize(int Partition, long Records, int Low, int High);
