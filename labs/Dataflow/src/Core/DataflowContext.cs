using StatelessMind.Dataflow.Metrics;
using StatelessMind.Dataflow.Text;

namespace StatelessMind.Dataflow;

/// <summary>
/// The entry point of the layer (Spark's SparkContext in local mode): makes datasets, runs the jobs that actions
/// start — each shuffle's map stage first, then the action's result stage — and records a report per stage.
/// One action at a time per context; its tasks run on <see cref="DataflowOptions.Parallelism"/> threads.
/// </summary>
public sealed class DataflowContext : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<StageReport> _stages = [];
    private readonly Lazy<string> _spillDirectory;
    private int _stageIds;

    public DataflowContext(DataflowOptions? options = null)
    {
        Options = options ?? new DataflowOptions();
        Options.Validate();
        _spillDirectory = new Lazy<string>(() =>
        {
            var dir = Path.Combine(Options.SpillDirectory ?? Path.GetTempPath(), "stateless-mind-dataflow",
                $"{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(dir);
            return dir;
        });
    }

    public DataflowOptions Options { get; }

    /// <summary>The reports of every stage run so far, in order.</summary>
    public IReadOnlyList<StageReport> Stages
    {
        get { lock (_gate) return [.. _stages]; }
    }

    public void ClearStageReports()
    {
        lock (_gate) _stages.Clear();
    }

    /// <summary>The folder this context spills into (made on first use, removed on dispose).</summary>
    public string SpillDirectory => _spillDirectory.Value;

    /// <summary>Records held here, cut into <paramref name="partitions"/> slices (default: one per task thread).</summary>
    public Dataset<T> Parallelize<T>(IEnumerable<T> items, int? partitions = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new ParallelizedDataset<T>(this, items as IReadOnlyList<T> ?? [.. items], partitions ?? Options.Parallelism);
    }

    /// <summary>The lines of a text file, cut into <paramref name="partitions"/> byte ranges at line boundaries.</summary>
    public Dataset<string> TextFile(string path, int? partitions = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Input file '{path}' does not exist.", path);
        var splits = LineSplits.Cut(new FileInfo(path).Length, partitions ?? Options.Parallelism);
        return new GeneratedDataset<string>(this, splits.Count, p => LineSplits.Read(path, splits[p].Start, splits[p].End), $"textFile({Path.GetFileName(path)})");
    }

    /// <summary>The lines of several files, one partition per file.</summary>
    public Dataset<string> TextFiles(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var p in paths)
            if (!File.Exists(p)) throw new FileNotFoundException($"Input file '{p}' does not exist.", p);
        return new GeneratedDataset<string>(this, paths.Count, p => LineSplits.Read(paths[p], 0, long.MaxValue), "textFiles");
    }

    /// <summary>A dataset whose partition i is <paramref name="generate"/>(i).</summary>
    public Dataset<T> Generate<T>(int partitions, Func<int, IEnumerable<T>> generate, string name = "generate")
    {
        ArgumentNullException.ThrowIfNull(generate);
        return new GeneratedDataset<T>(this, partitions, generate, name);
    }

    internal int NextStageId() => Interlocked.Increment(ref _stageIds);

    internal void Record(StageReport report)
    {
        lock (_gate) _stages.Add(report);
    }

    /// <summary>Runs a job: the missing shuffles of the lineage, then one result task per partition.</summary>
    internal TResult[] RunJob<T, TResult>(Dataset<T> dataset, string name, Func<TaskContext, IEnumerable<T>, TResult> perPartition)
    {
        RunMissingShuffles(dataset);
        var metrics = new StageMetrics(NextStageId(), $"{name} of {dataset.Name}", StageKind.Result, dataset.NumPartitions, dataset.NumPartitions);
        var results = TaskRunner.Run(Options, metrics, dataset.NumPartitions, task =>
        {
            var counted = Counted(dataset.Compute(task.Partition, task), task);
            var result = perPartition(task, counted);
            metrics.Output(task.Partition, task.Records, 0);
            return result;
        });
        Record(metrics.Freeze());
        return results;
    }

    private static IEnumerable<T> Counted<T>(IEnumerable<T> records, TaskContext task)
    {
        foreach (var r in records)
        {
            task.RecordProcessed();
            yield return r;
        }
    }

    /// <summary>Runs, parents first, every shuffle the dataset's lineage needs and has not run yet.</summary>
    private void RunMissingShuffles(DatasetBase dataset)
    {
        foreach (var shuffle in dataset.ShuffleParents)
        {
            if (shuffle.IsComplete) continue;
            RunMissingShuffles(shuffle.Parent);
            shuffle.Run(this);
        }
        foreach (var parent in dataset.NarrowParents) RunMissingShuffles(parent);
    }

    public void Dispose()
    {
        if (_spillDirectory.IsValueCreated)
        {
            try { Directory.Delete(_spillDirectory.Value, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
