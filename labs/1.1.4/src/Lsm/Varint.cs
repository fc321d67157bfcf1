namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>Unsigned LEB128 integers, 7 bits per byte (the varints of LevelDB's formats).</summary>
internal static class Varint
{
    public static int Write(Span<byte> destination, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    public static void Write(List<byte> destination, uint value)
    {
        while (value >= 0x80)
        {
            destination.Add((byte)(value | 0x80));
            value >>= 7;
        }
        destination.Add((byte)value);
    }

    /// <summary>Reads a varint at <paramref name="offset"/>, advancing it; -1 when it runs past the end or is too long.</summary>
    public static long Read(ReadOnlySpan<byte> source, ref int offset)
    {
        uint result = 0;
        for (var shift = 0; shift <= 28; shift += 7)
        {
            if (offset >= source.Length) return -1;
            uint b = source[offset++];
            result |= (b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        return -1;
    }

    public static int Size(uint value)
    {
        var n = 1;
        while (value >= 0x80) { value >>= 7; n++; }
        return n;
    }
}
