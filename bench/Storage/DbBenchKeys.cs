
namespace StatelessMind.Bench.Storage;

/// <summary>db_bench's data: 16-byte keys (the decimal number, zero-padded) and 100-byte values.</summary>
public static class DbBenchKeys
{
    public const int KeyBytes = 16;
    public const int ValueBytes = 100;
    public const int EntryBytes = KeyBytes + ValueBytes;

    public static byte[] Key(long i) => System.Text.Encoding.ASCII.GetBytes(i.ToString("D16", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Values cycle through a pseudo-random pool, so values differ without a generator in the measured loop.</summary>
    public static byte[][] ValuePool(int count, int seed)
    {
        var random = new Random(seed);
        var pool = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            pool[i] = new byte[ValueBytes];
            random.NextBytes(pool[i]);
        }
        return pool;
    }

    /// <summary>A permutation of 0..n-1 (Fisher–Yates, fixed seed).</summary>
    public static long[] Shuffled(int n, int seed)
    {
        var a = new long[n];
        for (var i = 0; i < n; i++) a[i] = i;
        new Random(seed).Shuffle(a);
        return a;
    }
}
