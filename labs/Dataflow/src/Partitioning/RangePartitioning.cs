namespace StatelessMind.Dataflow.Partitioning;

/// <summary>Builds a <see cref="RangePartitioner{TKey}"/> from a dataset of keys, as Spark's RangePartitioner does:
/// a reservoir sample of each partition (about 20 keys per output partition in total, oversampled 3×), each sampled
/// key weighted by how many keys of its partition it stands for, then bounds of equal weight.</summary>
public static class RangePartitioning
{
    public static RangePartitioner<TKey> Sketch<TKey>(Dataset<TKey> keys, int partitions, IComparer<TKey>? comparer = null, int seed = 17)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var order = comparer ?? Comparer<TKey>.Default;
        if (partitions == 1) return new RangePartitioner<TKey>([], order, keys.Context.Options.Bug);
        var sampleSize = Math.Min(20.0 * partitions, 1e6);
        var perPartition = (int)Math.Ceiling(3.0 * sampleSize / keys.NumPartitions);
        var samples = keys.RunPerPartition("sample for range bounds",
            (p, records) => ReservoirSampler.Sample(records, perPartition, new Random(HashCode.Combine(seed, p))));
        var candidates = samples
            .Where(s => s.Sample.Count > 0)
            .SelectMany(s => s.Sample.Select(k => (k, (double)s.Seen / s.Sample.Count)));
        return RangePartitioner<TKey>.FromWeightedSample(candidates, partitions, order, keys.Context.Options.Bug);
    }
}
