namespace StatelessMind.Dataflow.Shuffle;

/// <summary>A shuffle was asked to move a type it has no codec for.</summary>
public sealed class CodecNotFoundException(Type type)
    : Exception($"No shuffle codec for {type.FullName}: the built-in codecs cover int, long, double, bool, byte, string, " +
                $"arrays and value tuples of those; register one with RecordCodecs.Register<{type.Name}>(codec).")
{
    public Type RecordType { get; } = type;
}
