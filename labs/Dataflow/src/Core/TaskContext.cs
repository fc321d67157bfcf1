namespace StatelessMind.Dataflow;

/// <summary>What one attempt of one task knows about itself; it also counts the records the task processes,
/// which is where a planned <see cref="TaskFault"/> strikes.</summary>
public sealed class TaskContext
{
    private readonly long _failAfter;
    private long _records;

    internal TaskContext(int stageId, string stageName, StageKind kind, int partition, int attempt, long failAfter, CancellationToken cancellationToken)
    {
        StageId = stageId;
        StageName = stageName;
        Kind = kind;
        Partition = partition;
        Attempt = attempt;
        _failAfter = failAfter;
        CancellationToken = cancellationToken;
    }

    public int StageId { get; }
    public string StageName { get; }
    public StageKind Kind { get; }
    public int Partition { get; }

    /// <summary>1 for the first attempt, 2 for the first retry, …</summary>
    public int Attempt { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Records this attempt has processed so far.</summary>
    public long Records => _records;

    /// <summary>Counts one record; throws the planned failure when its turn comes, and honours cancellation.</summary>
    public void RecordProcessed()
    {
        var n = ++_records;
        if (n == _failAfter) throw new InjectedTaskFailureException(StageName, Partition, Attempt, n);
        if ((n & 0xFFF) == 0) CancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>A context for code that runs outside the scheduler (tests, a sequential reference).</summary>
    public static TaskContext Standalone(int partition = 0) => new(0, "standalone", StageKind.Result, partition, 1, -1, CancellationToken.None);
}
