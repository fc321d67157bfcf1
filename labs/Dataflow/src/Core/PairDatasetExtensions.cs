using StatelessMind.Dataflow.Partitioning;
using StatelessMind.Dataflow.Shuffle;

namespace StatelessMind.Dataflow;

/// <summary>The wide transformations: each one shuffles records by key, so that all records of a key meet in one
/// partition of the next stage.</summary>
public static class PairDatasetExtensions
{
    /// <summary>Merges the values of each key with <paramref name="reduce"/>, combining on the map side first.</summary>
    public static Dataset<(TKey Key, TValue Value)> ReduceByKey<TKey, TValue>(this Dataset<(TKey, TValue)> source, Func<TValue, TValue, TValue> reduce,
        Partitioner<TKey>? partitioner = null, bool mapSideCombine = true) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(reduce);
        return source.CombineByKey(v => v, reduce, reduce, partitioner, mapSideCombine, "reduceByKey");
    }

    /// <summary>The general aggregation: a first value becomes a combiner, values merge into it, combiners merge.</summary>
    public static Dataset<(TKey Key, TCombiner Value)> CombineByKey<TKey, TValue, TCombiner>(this Dataset<(TKey, TValue)> source,
        Func<TValue, TCombiner> createCombiner, Func<TCombiner, TValue, TCombiner> mergeValue, Func<TCombiner, TCombiner, TCombiner> mergeCombiners,
        Partitioner<TKey>? partitioner = null, bool mapSideCombine = true, string name = "combineByKey") where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(createCombiner);
        ArgumentNullException.ThrowIfNull(mergeValue);
        ArgumentNullException.ThrowIfNull(mergeCombiners);
        var p = partitioner ?? new HashPartitioner<TKey>(source.NumPartitions);
        var keys = RecordCodecs.For<TKey>();
        if (mapSideCombine)
        {
            var stage = new ShuffleStage<TKey, TValue, TCombiner>(source, p, keys, RecordCodecs.For<TCombiner>(),
                new Aggregator<TValue, TCombiner>(createCombiner, mergeValue, mergeCombiners), name);
            return Retyped(new AggregatedDataset<TKey, TCombiner, TCombiner>(source.Context, stage, p, stage.Read, c => c, mergeCombiners, name));
        }
        var plain = new ShuffleStage<TKey, TValue, TValue>(source, p, keys, RecordCodecs.For<TValue>(), null, name);
        return Retyped(new AggregatedDataset<TKey, TValue, TCombiner>(source.Context, plain, p, plain.Read, createCombiner, mergeValue, name));
    }

    /// <summary>All values of each key in one list (no map-side combine: it would not make the data smaller).</summary>
    public static Dataset<(TKey Key, IReadOnlyList<TValue> Values)> GroupByKey<TKey, TValue>(this Dataset<(TKey, TValue)> source,
        Partitioner<TKey>? partitioner = null) where TKey : notnull
    {
        var grouped = source.CombineByKey<TKey, TValue, List<TValue>>(v => [v], (list, v) => { list.Add(v); return list; },
            (a, b) => { a.AddRange(b); return a; }, partitioner, mapSideCombine: false, "groupByKey");
        return grouped.MapPartitions(records => records.Select(r => (r.Key, (IReadOnlyList<TValue>)r.Value)), preservesPartitioning: true);
    }

    /// <summary>Moves every record to the partition <paramref name="partitioner"/> gives its key.</summary>
    public static Dataset<(TKey Key, TValue Value)> PartitionBy<TKey, TValue>(this Dataset<(TKey, TValue)> source, Partitioner<TKey> partitioner)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(partitioner);
        var stage = new ShuffleStage<TKey, TValue, TValue>(source, partitioner, RecordCodecs.For<TKey>(), RecordCodecs.For<TValue>(), null, $"partitionBy {partitioner}");
        return Retyped(new ShuffledDataset<TKey, TValue>(source.Context, stage, null, "partitionBy"));
    }

    /// <summary>A total order: range-partitioned by a sample of the keys, then each partition sorted. Reading the
    /// partitions in order gives the records in key order.</summary>
    public static Dataset<(TKey Key, TValue Value)> SortByKey<TKey, TValue>(this Dataset<(TKey, TValue)> source, int? partitions = null,
        IComparer<TKey>? comparer = null, int seed = 17) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        var order = comparer ?? Comparer<TKey>.Default;
        var partitioner = RangePartitioning.Sketch(source.Map(r => r.Item1), partitions ?? source.NumPartitions, order, seed);
        var stage = new ShuffleStage<TKey, TValue, TValue>(source, partitioner, RecordCodecs.For<TKey>(), RecordCodecs.For<TValue>(), null, "sortByKey");
        return Retyped(new ShuffledDataset<TKey, TValue>(source.Context, stage, order, "sortByKey"));
    }

    /// <summary>Records sorted by a key computed from each.</summary>
    public static Dataset<T> SortBy<T, TKey>(this Dataset<T> source, Func<T, TKey> key, int? partitions = null, IComparer<TKey>? comparer = null)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(key);
        return source.Map(r => (key(r), r)).SortByKey(partitions, comparer).Map(r => r.Value);
    }

    /// <summary>Each distinct record once.</summary>
    public static Dataset<T> Distinct<T>(this Dataset<T> source, int? partitions = null) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Map(r => (r, (byte)0)).ReduceByKey((a, _) => a, new HashPartitioner<T>(partitions ?? source.NumPartitions)).Map(r => r.Key);
    }

    /// <summary>
    /// The inner join on key, as a shuffle hash join: both sides are hash-partitioned by key with the same partitioner
    /// (a side already partitioned that way is not shuffled again), then each partition builds a hash table of its
    /// left records and probes it with its right records.
    /// </summary>
    public static Dataset<(TKey Key, (TLeft Left, TRight Right) Value)> Join<TKey, TLeft, TRight>(this Dataset<(TKey, TLeft)> left,
        Dataset<(TKey, TRight)> right, Partitioner<TKey>? partitioner = null) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var p = partitioner ?? left.Partitioner as Partitioner<TKey> ?? new HashPartitioner<TKey>(Math.Max(left.NumPartitions, right.NumPartitions));
        var l = left.Partitioner is Partitioner<TKey> lp && lp.SamePartitioningAs(p) ? left : left.PartitionBy(p);
        var r = right.Partitioner is Partitioner<TKey> rp && rp.SamePartitioningAs(p) ? right : right.PartitionBy(p);
        return new HashJoinDataset<TKey, TLeft, TRight>(l, r, p);
    }

    public static Dataset<(TKey Key, TOut Value)> MapValues<TKey, TValue, TOut>(this Dataset<(TKey, TValue)> source, Func<TValue, TOut> map)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        return source.MapPartitions(records => records.Select(r => (r.Item1, map(r.Item2))), preservesPartitioning: true);
    }

    public static Dataset<TKey> Keys<TKey, TValue>(this Dataset<(TKey, TValue)> source) => source.Map(r => r.Item1);

    public static Dataset<TValue> Values<TKey, TValue>(this Dataset<(TKey, TValue)> source) => source.Map(r => r.Item2);

    // A dataset of named tuples is the same type as one of plain tuples; this only changes how the compiler names the fields.
    private static Dataset<(TKey Key, TValue Value)> Retyped<TKey, TValue>(Dataset<(TKey, TValue)> dataset) => dataset;
}

/// <summary>The partition-wise hash join of two datasets partitioned alike.</summary>
internal sealed class HashJoinDataset<TKey, TLeft, TRight>(Dataset<(TKey, TLeft)> left, Dataset<(TKey, TRight)> right, Partitioner<TKey> partitioner)
    : Dataset<(TKey, (TLeft, TRight))>(left.Context, partitioner.NumPartitions, "join") where TKey : notnull
{
    public override object? Partitioner => partitioner;

    internal override IEnumerable<DatasetBase> NarrowParents => [left, right];

    internal override IEnumerable<(TKey, (TLeft, TRight))> Compute(int partition, TaskContext task)
    {
        var firstOnly = Context.Options.Bug == DataflowBug.JoinKeepsFirstMatchOnly;
        var table = new Dictionary<TKey, List<TLeft>>();
        foreach (var (key, value) in left.Compute(partition, task))
        {
            if (!table.TryGetValue(key, out var list)) table[key] = list = [];
            if (!firstOnly || list.Count == 0) list.Add(value);
        }
        foreach (var (key, value) in right.Compute(partition, task))
        {
            if (!table.TryGetValue(key, out var matches)) continue;
            foreach (var l in matches) yield return (key, (l, value));
        }
    }
}
