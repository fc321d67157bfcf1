namespace StatelessMind.Dataflow.Shuffle;

/// <summary>The records one map task wrote for one reducer, in one place: still in memory, or a byte range of a spill file.</summary>
internal abstract class ShuffleSegment(long records, long bytes)
{
    public long Records { get; } = records;
    public long Bytes { get; } = bytes;

    public abstract RecordReader Open();
}

internal sealed class InMemorySegment(byte[] data, long records) : ShuffleSegment(records, data.Length)
{
    public override RecordReader Open() => new(data, "in-memory shuffle segment");
}

internal sealed class FileSegment(string path, long offset, int length, long records) : ShuffleSegment(records, length)
{
    public string Path { get; } = path;

    public override RecordReader Open()
    {
        var data = new byte[length];
        using (var handle = File.OpenHandle(Path))
        {
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, data.AsSpan(read), offset + read);
                if (n == 0) throw new ShuffleDataCorruptException(Path, offset + read, $"{length} bytes of a spilled segment starting at {offset}");
                read += n;
            }
        }
        return new RecordReader(data, $"{Path} (segment at {offset})");
    }
}
