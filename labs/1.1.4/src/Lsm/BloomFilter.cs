using System.IO.Hashing;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// A table's bloom filter: <c>bitsPerKey</c> bits per key and k = bitsPerKey·ln 2 probes, derived from one
/// 64-bit hash by double hashing (Kirsch–Mitzenmacher). Encoded as the bit array followed by one byte k.
/// With 10 bits per key the false-positive rate is about 1%.
/// </summary>
internal sealed class BloomFilter
{
    private readonly byte[] _data;
    private readonly ulong _bits;
    private readonly int _probes;

    public BloomFilter(byte[] data, string file, long offset)
    {
        if (data.Length < 2) throw new CorruptionException(file, offset, $"bloom filter of {data.Length} bytes is too short");
        _data = data;
        _bits = (ulong)(data.Length - 1) * 8;
        _probes = data[^1];
        if (_probes is < 1 or > 30) throw new CorruptionException(file, offset, $"bloom filter probe count {_probes} is outside [1, 30]");
    }

    public static ulong Hash(ReadOnlySpan<byte> key) => XxHash64.HashToUInt64(key);

    public static byte[] Build(IReadOnlyList<ulong> hashes, int bitsPerKey)
    {
        var probes = Math.Clamp((int)Math.Round(bitsPerKey * 0.69), 1, 30);
        var bytes = (int)Math.Max(8, ((long)hashes.Count * bitsPerKey + 7) / 8);
        var data = new byte[bytes + 1];
        var bits = (ulong)bytes * 8;
        foreach (var h in hashes)
        {
            var delta = (h >> 33) | (h << 31);
            var x = h;
            for (var i = 0; i < probes; i++, x += delta)
            {
                var bit = x % bits;
                data[bit >> 3] |= (byte)(1 << (int)(bit & 7));
            }
        }
        data[^1] = (byte)probes;
        return data;
    }

    public bool MayContain(ulong hash)
    {
        var delta = (hash >> 33) | (hash << 31);
        var x = hash;
        for (var i = 0; i < _probes; i++, x += delta)
        {
            var bit = x % _bits;
            if ((_data[bit >> 3] & (1 << (int)(bit & 7))) == 0) return false;
        }
        return true;
    }

    public int SizeBytes => _data.Length;
}
