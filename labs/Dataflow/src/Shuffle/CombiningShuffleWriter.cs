using System.Runtime.InteropServices;

namespace StatelessMind.Dataflow.Shuffle;

/// <summary>
/// Map-side combine: values of the same key are merged in a hash map before anything is serialized, so a key
/// that occurs a million times in a partition crosses the shuffle once. When the map's estimated size passes the
/// task's memory share, it is serialized into the reducers' buffers and spilled, and the map starts empty again
/// (a key may then appear once per spill; the reducer merges the partial combiners).
/// </summary>
internal sealed class CombiningShuffleWriter<TKey, TValue, TCombiner>(
    Partitioning.Partitioner<TKey> partitioner, Aggregator<TValue, TCombiner> aggregator,
    IRecordCodec<TKey> keys, IRecordCodec<TCombiner> combiners,
    PartitionedBuffers buffers, long memoryBudget, Action<long, double> spilled, bool loseSpilledRuns)
    : ShuffleWriter<TKey, TValue>(buffers, memoryBudget, spilled, loseSpilledRuns) where TKey : notnull
{
    private const int EntryOverheadBytes = 48; // hash map entry, bucket and the reference to the key
    private readonly Dictionary<TKey, TCombiner> _map = [];
    private long _estimatedBytes;

    public override void Write(TKey key, TValue value)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_map, key, out var exists);
        if (exists)
        {
            slot = aggregator.MergeValue(slot!, value);
            return;
        }
        slot = aggregator.CreateCombiner(value);
        _estimatedBytes += EntryOverheadBytes + keys.EstimateHeapBytes(key) + combiners.EstimateHeapBytes(slot);
        if (_estimatedBytes > MemoryBudget) Spill();
    }

    protected override void FlushToBuffers()
    {
        foreach (var (key, combiner) in _map)
        {
            var reducer = partitioner.GetPartition(key);
            var w = Buffers.For(reducer);
            var before = w.Length;
            keys.Write(w, key);
            combiners.Write(w, combiner);
            Buffers.Written(reducer, before);
        }
        _map.Clear();
        _estimatedBytes = 0;
    }
}
