namespace StatelessMind.Dataflow.Shuffle;

/// <summary>Serializes one type for the shuffle (in memory, spill files, intermediate files).</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface IRecordCodec<T>
{
    void Write(RecordWriter writer, T value);

    T Read(RecordReader reader);

    /// <summary>An estimate of the value's size on the managed heap, used to decide when to spill.</summary>
    int EstimateHeapBytes(T value);
}
