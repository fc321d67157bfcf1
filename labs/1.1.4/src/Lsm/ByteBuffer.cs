namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>A growable byte buffer for framing WAL records and building blocks without per-record allocations.</summary>
internal sealed class ByteBuffer
{
    private byte[] _bytes;

    public ByteBuffer(int capacity = 64 * 1024) => _bytes = new byte[capacity];

    public int Length { get; private set; }

    public void Clear() => Length = 0;

    public void Reserve(int count)
    {
        Grow(count);
        Length += count;
    }

    public void Add(byte b)
    {
        Grow(1);
        _bytes[Length++] = b;
    }

    public void Add(ReadOnlySpan<byte> bytes)
    {
        Grow(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    public void AddVarint(uint value)
    {
        Grow(5);
        Length += Varint.Write(_bytes.AsSpan(Length), value);
    }

    public Span<byte> Span(int start, int length) => _bytes.AsSpan(start, length);

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    private void Grow(int extra)
    {
        if (Length + extra <= _bytes.Length) return;
        var bigger = new byte[Math.Max(_bytes.Length * 2, Length + extra)];
        _bytes.AsSpan(0, Length).CopyTo(bigger);
        _bytes = bigger;
    }
}
