namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>Where a message sits in its topic: partition and offset.</summary>
public readonly record struct EventLocation(int Partition, long Offset)
{
    public override string ToString() => $"partition {Partition} offset {Offset}";
}
