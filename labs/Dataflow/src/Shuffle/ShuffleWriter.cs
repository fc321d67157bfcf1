namespace StatelessMind.Dataflow.Shuffle;

/// <summary>The map side of a shuffle for one task attempt: takes (key, value) records, routes each to its
/// reducer's buffer, and spills to disk when the buffers outgrow the task's share of memory.</summary>
internal abstract class ShuffleWriter<TKey, TValue>(PartitionedBuffers buffers, long memoryBudget, Action<long, double> spilled, bool loseSpilledRuns)
    where TKey : notnull
{
    protected PartitionedBuffers Buffers { get; } = buffers;
    protected long MemoryBudget { get; } = memoryBudget;

    public IReadOnlyList<string> SpillFiles => Buffers.SpillFiles;

    public abstract void Write(TKey key, TValue value);

    /// <summary>Flushes what is left and returns the task's output.</summary>
    public MapOutput Finish()
    {
        FlushToBuffers();
        var output = Buffers.Finish();
        if (!loseSpilledRuns) return output;
        var inMemoryOnly = new MapOutput(output.Reducers); // planted bug: the spilled runs are forgotten
        for (var r = 0; r < output.Reducers; r++)
            foreach (var s in output.SegmentsFor(r).OfType<InMemorySegment>()) inMemoryOnly.Add(r, s);
        return inMemoryOnly;
    }

    public void Discard() => Buffers.DeleteSpillFiles();

    /// <summary>Moves anything held in another form (the combiner's map) into the serialized buffers.</summary>
    protected virtual void FlushToBuffers() { }

    protected void Spill()
    {
        FlushToBuffers();
        var (bytes, seconds) = Buffers.Spill();
        spilled(bytes, seconds);
    }
}

/// <summary>Serializes every record straight into its reducer's buffer (GroupByKey, PartitionBy, SortByKey).</summary>
internal sealed class PlainShuffleWriter<TKey, TValue>(
    Partitioning.Partitioner<TKey> partitioner, IRecordCodec<TKey> keys, IRecordCodec<TValue> values,
    PartitionedBuffers buffers, long memoryBudget, Action<long, double> spilled, bool loseSpilledRuns)
    : ShuffleWriter<TKey, TValue>(buffers, memoryBudget, spilled, loseSpilledRuns) where TKey : notnull
{
    public override void Write(TKey key, TValue value)
    {
        var reducer = partitioner.GetPartition(key);
        var w = Buffers.For(reducer);
        var before = w.Length;
        keys.Write(w, key);
        values.Write(w, value);
        Buffers.Written(reducer, before);
        if (Buffers.BufferedBytes > MemoryBudget) Spill();
    }
}
