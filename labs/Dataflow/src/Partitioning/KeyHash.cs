using System.Runtime.CompilerServices;

namespace StatelessMind.Dataflow.Partitioning;

/// <summary>
/// The hash a <see cref="HashPartitioner{TKey}"/> uses. For the key types Spark SQL has (int, long, double,
/// string and pairs of them) it is Spark's Murmur3 with seed 42, chained over a pair's fields as Spark chains
/// it over columns, so partition numbers agree with Spark's. Other types fall back to their own hash code.
/// </summary>
public static class KeyHash
{
    public static int Of<TKey>(TKey key) where TKey : notnull => Of(key, SparkMurmur3.SparkSeed);

    private static int Of<TKey>(TKey key, int seed) where TKey : notnull => key switch
    {
        int i => SparkMurmur3.HashInt(i, seed),
        long l => SparkMurmur3.HashLong(l, seed),
        double d => SparkMurmur3.HashDouble(d, seed),
        string s => SparkMurmur3.HashString(s, seed),
        bool b => SparkMurmur3.HashInt(b ? 1 : 0, seed),
        ITuple t when t.Length == 2 && t[0] is { } a && t[1] is { } b2 => Of(b2, Of(a, seed)),
        _ => SparkMurmur3.HashInt(EqualityComparer<TKey>.Default.GetHashCode(key), seed),
    };
}
