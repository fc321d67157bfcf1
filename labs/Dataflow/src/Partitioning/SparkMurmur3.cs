using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace StatelessMind.Dataflow.Partitioning;

/// <summary>
/// The 32-bit Murmur3 variant behind Spark SQL's <c>hash()</c> and its hash partitioning
/// (<c>pmod(hash(key), n)</c>, seed 42). Integers and longs are hashed as 4 and 8 little-endian bytes; strings
/// as their UTF-8 bytes, where Spark mixes each trailing byte (beyond the last whole 4-byte block) as a
/// sign-extended block of its own rather than Murmur3's usual tail. Using the same function here means a key
/// lands in the same partition number locally and under <c>REPARTITION(n, key)</c> on a Spark cluster.
/// </summary>
public static class SparkMurmur3
{
    /// <summary>The seed of Spark SQL's <c>hash()</c> function.</summary>
    public const int SparkSeed = 42;

    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    public static int HashInt(int value, int seed = SparkSeed)
    {
        var h1 = MixH1((uint)seed, MixK1((uint)value));
        return (int)Finalize(h1, 4);
    }

    public static int HashLong(long value, int seed = SparkSeed)
    {
        var h1 = MixH1((uint)seed, MixK1((uint)value));
        h1 = MixH1(h1, MixK1((uint)(value >>> 32)));
        return (int)Finalize(h1, 8);
    }

    /// <summary>Spark hashes a double by its IEEE bits, with -0.0 normalised to 0.0.</summary>
    public static int HashDouble(double value, int seed = SparkSeed) =>
        HashLong(BitConverter.DoubleToInt64Bits(value == 0.0 ? 0.0 : value), seed);

    public static int HashString(string value, int seed = SparkSeed)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> stack = stackalloc byte[256];
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var bytes = max <= stack.Length ? stack : new byte[max];
        var n = Encoding.UTF8.GetBytes(value, bytes);
        return HashBytes(bytes[..n], seed);
    }

    public static int HashBytes(ReadOnlySpan<byte> bytes, int seed = SparkSeed)
    {
        var aligned = bytes.Length - bytes.Length % 4;
        var h1 = (uint)seed;
        for (var i = 0; i < aligned; i += 4)
            h1 = MixH1(h1, MixK1(BinaryPrimitives.ReadUInt32LittleEndian(bytes[i..])));
        for (var i = aligned; i < bytes.Length; i++)
            h1 = MixH1(h1, MixK1((uint)(sbyte)bytes[i])); // Spark's legacy tail: one signed byte per block
        return (int)Finalize(h1, bytes.Length);
    }

    /// <summary>Spark's <c>pmod(h, n)</c>: a partition number in [0, n).</summary>
    public static int NonNegativeMod(int hash, int n)
    {
        var m = hash % n;
        return m < 0 ? m + n : m;
    }

    private static uint MixK1(uint k1)
    {
        k1 *= C1;
        k1 = BitOperations.RotateLeft(k1, 15);
        return k1 * C2;
    }

    private static uint MixH1(uint h1, uint k1)
    {
        h1 ^= k1;
        h1 = BitOperations.RotateLeft(h1, 13);
        return h1 * 5 + 0xe6546b64;
    }

    private static uint Finalize(uint h1, int length)
    {
        h1 ^= (uint)length;
        h1 ^= h1 >> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >> 16;
        return h1;
    }
}
