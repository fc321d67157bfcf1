using StatelessMind.Dataflow.Metrics;
using StatelessMind.Dataflow.Partitioning;

namespace StatelessMind.Dataflow.Shuffle;

/// <summary>A wide dependency: the map stage that must run, once, before any partition after it can be computed.</summary>
internal abstract class ShuffleStage(DatasetBase parent, int reducers, string name)
{
    public DatasetBase Parent { get; } = parent;
    public int Reducers { get; } = reducers;
    public string Name { get; } = name;
    public bool IsComplete => Outputs is not null;
    protected MapOutput[]? Outputs { get; set; }

    /// <summary>Runs every map task of this stage (the parents' shuffles must be complete).</summary>
    public abstract void Run(DataflowContext context);

    protected MapOutput[] CompletedOutputs =>
        Outputs ?? throw new InvalidOperationException($"Shuffle '{Name}' was read before its map stage ran.");
}

/// <summary>A shuffle of (key, value) records partitioned by key; what crosses it are (key, written) records, where
/// written is the value itself or, with map-side combine, a combiner.</summary>
internal sealed class ShuffleStage<TKey, TValue, TWritten>(
    Dataset<(TKey, TValue)> parent,
    Partitioner<TKey> partitioner,
    IRecordCodec<TKey> keys,
    IRecordCodec<TWritten> written,
    Aggregator<TValue, TWritten>? mapSideCombine,
    string name) : ShuffleStage(parent, partitioner.NumPartitions, name) where TKey : notnull
{
    public Partitioner<TKey> Partitioner { get; } = partitioner;

    public override void Run(DataflowContext context)
    {
        var options = context.Options;
        var stageId = context.NextStageId();
        var metrics = new StageMetrics(stageId, $"{Name} (map)", StageKind.ShuffleMap, parent.NumPartitions, Reducers);
        var budget = Math.Max(1024, options.ShuffleMemoryBytes / options.Parallelism);
        var keepFailed = options.Bug == DataflowBug.KeepFailedAttemptOutput;
        var loseSpills = options.Bug == DataflowBug.SpillLosesEarlierRuns;
        var writers = new ShuffleWriter<TKey, TValue>?[parent.NumPartitions]; // reused across attempts only by the planted bug

        ShuffleWriter<TKey, TValue> NewWriter(TaskContext task)
        {
            var buffers = new PartitionedBuffers(Reducers, Path.Combine(context.SpillDirectory, $"shuffle{stageId}-map{task.Partition}-attempt{task.Attempt}"));
            return mapSideCombine is null
                ? new PlainShuffleWriter<TKey, TValue>(Partitioner, keys, (IRecordCodec<TValue>)written, buffers, budget, metrics.Spilled, loseSpills)
                : new CombiningShuffleWriter<TKey, TValue, TWritten>(Partitioner, mapSideCombine, keys, written, buffers, budget, metrics.Spilled, loseSpills);
        }

        var outputs = TaskRunner.Run(options, metrics, parent.NumPartitions, task =>
        {
            var writer = keepFailed ? writers[task.Partition] ??= NewWriter(task) : NewWriter(task);
            writers[task.Partition] = writer;
            foreach (var (key, value) in parent.Compute(task.Partition, task))
            {
                task.RecordProcessed();
                writer.Write(key, value);
            }
            return writer.Finish();
        }, discardAttempt: task =>
        {
            if (!keepFailed) writers[task.Partition]?.Discard();
        });

        foreach (var output in outputs)
            for (var r = 0; r < Reducers; r++)
                metrics.Output(r, output.RecordsFor(r), output.BytesFor(r));
        Outputs = outputs;
        context.Record(metrics.Freeze());
    }

    /// <summary>Every (key, written) record the map tasks produced for <paramref name="reducer"/>.</summary>
    public IEnumerable<(TKey Key, TWritten Value)> Read(int reducer)
    {
        foreach (var output in CompletedOutputs)
        {
            foreach (var segment in output.SegmentsFor(reducer))
            {
                var reader = segment.Open();
                while (!reader.AtEnd) yield return (keys.Read(reader), written.Read(reader));
            }
        }
    }
}
