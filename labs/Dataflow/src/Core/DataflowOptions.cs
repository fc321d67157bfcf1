namespace StatelessMind.Dataflow;

/// <summary>How a <see cref="DataflowContext"/> runs its jobs.</summary>
public sealed record DataflowOptions
{
    /// <summary>Tasks run at once (threads); the default is one per core.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Memory for map-side shuffle buffers, shared by the tasks running at once; a task whose buffers grow
    /// past its share (this / <see cref="Parallelism"/>) spills them to disk.</summary>
    public long ShuffleMemoryBytes { get; init; } = 256L << 20;

    /// <summary>Where spill files go (a folder of this context's own is made inside); default: the temp folder.</summary>
    public string? SpillDirectory { get; init; }

    /// <summary>How often a task may fail before the job fails (Spark's spark.task.maxFailures).</summary>
    public int MaxTaskAttempts { get; init; } = 4;

    /// <summary>Planned task failures (tests and experiments of the retry path).</summary>
    public IReadOnlyList<TaskFault> Faults { get; init; } = [];

    /// <summary>A planted mistake (tests only).</summary>
    public DataflowBug Bug { get; init; } = DataflowBug.None;

    /// <summary>Stops running jobs.</summary>
    public CancellationToken CancellationToken { get; init; }

    internal void Validate()
    {
        if (Parallelism < 1) throw new ArgumentOutOfRangeException(nameof(Parallelism), Parallelism, "Parallelism must be at least 1.");
        if (ShuffleMemoryBytes < 1024) throw new ArgumentOutOfRangeException(nameof(ShuffleMemoryBytes), ShuffleMemoryBytes, "The shuffle needs at least 1 KiB of memory.");
        if (MaxTaskAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxTaskAttempts), MaxTaskAttempts, "A task needs at least one attempt.");
    }
}
