using System.Diagnostics;

namespace StatelessMind.Dataflow.Metrics;

/// <summary>Counters a running stage's tasks update concurrently; frozen into a <see cref="StageReport"/>.</summary>
internal sealed class StageMetrics(int stageId, string name, StageKind kind, int tasks, int outputPartitions)
{
    private readonly Lock _gate = new();
    private readonly List<double> _taskMilliseconds = [];
    private readonly long[] _outputRecords = new long[outputPartitions];
    private readonly long[] _outputBytes = new long[outputPartitions];
    private readonly long _start = Stopwatch.GetTimestamp();
    private int _attempts;
    private int _failed;
    private long _recordsIn;
    private long _shuffleRecords;
    private long _shuffleBytes;
    private int _spills;
    private long _spillBytes;
    private double _spillSeconds;

    public int StageId { get; } = stageId;
    public string Name { get; } = name;
    public StageKind Kind { get; } = kind;

    public void AttemptStarted() => Interlocked.Increment(ref _attempts);

    public void AttemptFailed() => Interlocked.Increment(ref _failed);

    public void TaskSucceeded(double milliseconds, long recordsIn)
    {
        lock (_gate)
        {
            _taskMilliseconds.Add(milliseconds);
            _recordsIn += recordsIn;
        }
    }

    public void Output(int partition, long records, long bytes)
    {
        lock (_gate)
        {
            _outputRecords[partition] += records;
            _outputBytes[partition] += bytes;
            _shuffleRecords += Kind == StageKind.ShuffleMap ? records : 0;
            _shuffleBytes += Kind == StageKind.ShuffleMap ? bytes : 0;
        }
    }

    public void Spilled(long bytes, double seconds)
    {
        lock (_gate)
        {
            _spills++;
            _spillBytes += bytes;
            _spillSeconds += seconds;
        }
    }

    public StageReport Freeze()
    {
        lock (_gate)
            return new StageReport(StageId, Name, Kind, tasks, _attempts, _failed, _recordsIn, _shuffleRecords, _shuffleBytes,
                _spills, _spillBytes, _spillSeconds, [.. _outputRecords], [.. _outputBytes], [.. _taskMilliseconds],
                Stopwatch.GetElapsedTime(_start));
    }
}
