using System.Diagnostics;

namespace StatelessMind.Dataflow.Shuffle;

/// <summary>
/// One serialized buffer per reducer, and the machinery to move them out: either to a spill file (one file per
/// spill, the reducers' bytes one after another, each a segment of the map output) or, when the task ends, as
/// in-memory segments. Both the plain and the combining shuffle writers serialize into these.
/// </summary>
internal sealed class PartitionedBuffers
{
    private readonly RecordWriter[] _buffers;
    private readonly long[] _records;
    private readonly string _spillPrefix;
    private readonly List<string> _spillFiles = [];
    private int _spillCount;

    public PartitionedBuffers(int reducers, string spillPrefix)
    {
        _buffers = new RecordWriter[reducers];
        for (var r = 0; r < reducers; r++) _buffers[r] = new RecordWriter(1024);
        _records = new long[reducers];
        _spillPrefix = spillPrefix;
        Output = new MapOutput(reducers);
    }

    public MapOutput Output { get; }

    public IReadOnlyList<string> SpillFiles => _spillFiles;

    /// <summary>Serialized bytes currently held in memory.</summary>
    public long BufferedBytes { get; private set; }

    public RecordWriter For(int reducer) => _buffers[reducer];

    /// <summary>Call after writing one record into <see cref="For"/>(reducer).</summary>
    public void Written(int reducer, int bytesBefore)
    {
        _records[reducer]++;
        BufferedBytes += _buffers[reducer].Length - bytesBefore;
    }

    /// <summary>Writes every buffer to a new spill file and empties them; returns the bytes and seconds it took.</summary>
    public (long Bytes, double Seconds) Spill()
    {
        var start = Stopwatch.GetTimestamp();
        var path = $"{_spillPrefix}-spill{_spillCount++}.bin";
        long offset = 0;
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            for (var r = 0; r < _buffers.Length; r++)
            {
                var length = _buffers[r].Length;
                if (length == 0) continue;
                _buffers[r].WriteTo(file);
                Output.Add(r, new FileSegment(path, offset, length, _records[r]));
                offset += length;
                _buffers[r].Clear();
                _records[r] = 0;
            }
        }
        _spillFiles.Add(path);
        BufferedBytes = 0;
        return (offset, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>Hands what is still in memory to the output as in-memory segments.</summary>
    public MapOutput Finish()
    {
        for (var r = 0; r < _buffers.Length; r++)
        {
            if (_buffers[r].Length == 0) continue;
            Output.Add(r, new InMemorySegment(_buffers[r].ToArray(), _records[r]));
            _buffers[r].Clear();
            _records[r] = 0;
        }
        BufferedBytes = 0;
        return Output;
    }

    public void DeleteSpillFiles()
    {
        foreach (var f in _spillFiles)
        {
            try { File.Delete(f); }
            catch (IOException) { } // already gone with the context's folder
        }
    }
}
