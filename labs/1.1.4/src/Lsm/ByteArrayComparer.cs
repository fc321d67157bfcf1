namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>Bytewise order of byte arrays, for sorting tables and keys.</summary>
public sealed class ByteArrayComparer : IComparer<byte[]>
{
    public static ByteArrayComparer Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => x is null ? (y is null ? 0 : -1) : y is null ? 1 : x.AsSpan().SequenceCompareTo(y);
}
