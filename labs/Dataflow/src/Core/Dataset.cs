using StatelessMind.Dataflow.Partitioning;

namespace StatelessMind.Dataflow;

/// <summary>
/// A distributed collection in the spirit of Spark's RDD: split into partitions, built lazily from a lineage of
/// transformations, computed by tasks (one per partition) only when an action asks for a result. Narrow
/// transformations (Map, Filter, FlatMap, MapPartitions) run inside the parent's task; wide ones (in
/// <see cref="PairDatasetExtensions"/>) go through a shuffle.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public abstract class Dataset<T> : DatasetBase
{
    private protected Dataset(DataflowContext context, int numPartitions, string name) : base(context, numPartitions, name) { }

    /// <summary>How the records are partitioned by key, when that is known (after a shuffle); lets a join skip a shuffle.</summary>
    public virtual object? Partitioner => null;

    /// <summary>The records of one partition, computed by the task <paramref name="task"/>.</summary>
    internal abstract IEnumerable<T> Compute(int partition, TaskContext task);

    public Dataset<TOut> Map<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new MapPartitionsDataset<T, TOut>(this, (_, records) => records.Select(map), "map", preservesPartitioning: false);
    }

    public Dataset<T> Filter(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new MapPartitionsDataset<T, T>(this, (_, records) => records.Where(predicate), "filter", preservesPartitioning: true);
    }

    public Dataset<TOut> FlatMap<TOut>(Func<T, IEnumerable<TOut>> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new MapPartitionsDataset<T, TOut>(this, (_, records) => records.SelectMany(map), "flatMap", preservesPartitioning: false);
    }

    /// <summary>One function call per partition (set up once, then stream): the narrow transformation the others are made of.</summary>
    public Dataset<TOut> MapPartitions<TOut>(Func<IEnumerable<T>, IEnumerable<TOut>> map, bool preservesPartitioning = false)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new MapPartitionsDataset<T, TOut>(this, (_, records) => map(records), "mapPartitions", preservesPartitioning);
    }

    public Dataset<TOut> MapPartitionsWithIndex<TOut>(Func<int, IEnumerable<T>, IEnumerable<TOut>> map, bool preservesPartitioning = false)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new MapPartitionsDataset<T, TOut>(this, map, "mapPartitionsWithIndex", preservesPartitioning);
    }

    /// <summary>Keeps each partition in memory once computed, so later jobs do not recompute the lineage.</summary>
    public Dataset<T> Cache() => this is CachedDataset<T> ? this : new CachedDataset<T>(this);

    /// <summary>Every record, partition after partition.</summary>
    public IReadOnlyList<T> Collect() => [.. CollectPartitions().SelectMany(p => p)];

    /// <summary>The records of each partition.</summary>
    public IReadOnlyList<IReadOnlyList<T>> CollectPartitions()
    {
        var keepFailed = Context.Options.Bug == DataflowBug.KeepFailedAttemptOutput;
        var lists = new List<T>?[NumPartitions];
        Context.RunJob(this, "collect", (task, records) =>
        {
            var list = keepFailed ? lists[task.Partition] ??= [] : [];
            lists[task.Partition] = list;
            foreach (var r in records) list.Add(r);
            return list.Count;
        });
        return [.. lists.Select(l => (IReadOnlyList<T>)(l ?? []))];
    }

    public long Count() => Context.RunJob(this, "count", (_, records) => records.LongCount()).Sum();

    /// <summary>Runs <paramref name="action"/> over each partition's records (in the partition's task).</summary>
    public IReadOnlyList<TResult> RunPerPartition<TResult>(string name, Func<int, IEnumerable<T>, TResult> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Context.RunJob(this, name, (task, records) => action(task.Partition, records));
    }

    public override string ToString() => $"{Name} [{NumPartitions} partitions]";
}

/// <summary>A narrow transformation: each partition is a function of the parent's partition with the same index.</summary>
internal sealed class MapPartitionsDataset<TIn, TOut>(Dataset<TIn> parent, Func<int, IEnumerable<TIn>, IEnumerable<TOut>> map, string name, bool preservesPartitioning)
    : Dataset<TOut>(parent.Context, parent.NumPartitions, name)
{
    public override object? Partitioner => preservesPartitioning ? parent.Partitioner : null;

    internal override IEnumerable<DatasetBase> NarrowParents => [parent];

    internal override IEnumerable<TOut> Compute(int partition, TaskContext task) => map(partition, parent.Compute(partition, task));
}

/// <summary>A dataset whose partitions are computed once and then kept in memory.</summary>
internal sealed class CachedDataset<T>(Dataset<T> parent) : Dataset<T>(parent.Context, parent.NumPartitions, parent.Name + ".cache")
{
    private readonly T[]?[] _partitions = new T[]?[parent.NumPartitions];

    public override object? Partitioner => parent.Partitioner;

    internal override IEnumerable<DatasetBase> NarrowParents => _partitions.All(p => p is not null) ? [] : [parent];

    internal override IEnumerable<T> Compute(int partition, TaskContext task) =>
        Volatile.Read(ref _partitions[partition]) ?? (_partitions[partition] = [.. parent.Compute(partition, task)]);
}

/// <summary>Records held by the driver, cut into contiguous slices.</summary>
internal sealed class ParallelizedDataset<T>(DataflowContext context, IReadOnlyList<T> items, int numPartitions)
    : Dataset<T>(context, numPartitions, "parallelize")
{
    internal override IEnumerable<T> Compute(int partition, TaskContext task)
    {
        var start = (int)((long)items.Count * partition / NumPartitions);
        var end = (int)((long)items.Count * (partition + 1) / NumPartitions);
        for (var i = start; i < end; i++) yield return items[i];
    }
}

/// <summary>Partition i is given by a function of i (e.g. one input file per partition).</summary>
internal sealed class GeneratedDataset<T>(DataflowContext context, int numPartitions, Func<int, IEnumerable<T>> generate, string name)
    : Dataset<T>(context, numPartitions, name)
{
    internal override IEnumerable<T> Compute(int partition, TaskContext task) => generate(partition);
}

/// <summary>Records already partitioned by key: the output of a shuffle.</summary>
internal sealed class ShuffledDataset<TKey, TValue>(DataflowContext context, Shuffle.ShuffleStage<TKey, TValue, TValue> stage, IComparer<TKey>? sortWithinPartition, string name)
    : Dataset<(TKey, TValue)>(context, stage.Reducers, name) where TKey : notnull
{
    public override object? Partitioner => stage.Partitioner;

    internal override IEnumerable<Shuffle.ShuffleStage> ShuffleParents => [stage];

    internal override IEnumerable<(TKey, TValue)> Compute(int partition, TaskContext task)
    {
        if (sortWithinPartition is null) return stage.Read(partition).Select(r => (r.Key, r.Value));
        var records = stage.Read(partition).Select(r => (r.Key, r.Value)).ToArray();
        var keys = records.Select(r => r.Key).ToArray();
        Array.Sort(keys, records, sortWithinPartition); // by key only: records with equal keys need no order
        return records;
    }
}

/// <summary>The reduce side of an aggregation: every (key, written) record of the partition merged per key.</summary>
internal sealed class AggregatedDataset<TKey, TWritten, TCombiner>(
    DataflowContext context, Shuffle.ShuffleStage stage, Partitioner<TKey> partitioner,
    Func<int, IEnumerable<(TKey Key, TWritten Value)>> read,
    Func<TWritten, TCombiner> create, Func<TCombiner, TWritten, TCombiner> merge, string name)
    : Dataset<(TKey, TCombiner)>(context, stage.Reducers, name) where TKey : notnull
{
    public override object? Partitioner => partitioner;

    internal override IEnumerable<Shuffle.ShuffleStage> ShuffleParents => [stage];

    internal override IEnumerable<(TKey, TCombiner)> Compute(int partition, TaskContext task)
    {
        var merged = new Dictionary<TKey, TCombiner>();
        foreach (var (key, value) in read(partition))
        {
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(merged, key, out var exists);
            slot = exists ? merge(slot!, value) : create(value);
        }
        return merged.Select(kv => (kv.Key, kv.Value));
    }
}
