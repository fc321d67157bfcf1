namespace StatelessMind.Dataflow.Shuffle;

/// <summary>What one map task handed to the shuffle: for every reducer, the segments holding its records.</summary>
internal sealed class MapOutput
{
    private readonly List<ShuffleSegment>[] _segments;

    public MapOutput(int reducers)
    {
        _segments = new List<ShuffleSegment>[reducers];
        for (var r = 0; r < reducers; r++) _segments[r] = [];
    }

    public int Reducers => _segments.Length;

    public IReadOnlyList<ShuffleSegment> SegmentsFor(int reducer) => _segments[reducer];

    public void Add(int reducer, ShuffleSegment segment)
    {
        if (segment.Records > 0) _segments[reducer].Add(segment);
    }

    public long RecordsFor(int reducer) => _segments[reducer].Sum(s => s.Records);

    public long BytesFor(int reducer) => _segments[reducer].Sum(s => s.Bytes);

    /// <summary>The spill files it refers to (removed when a failed attempt is discarded).</summary>
    public IEnumerable<string> Files => _segments.SelectMany(s => s).OfType<FileSegment>().Select(f => f.Path).Distinct();
}
