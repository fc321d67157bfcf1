using StatelessMind.Dataflow.Partitioning;

namespace StatelessMind.Dataflow.Tests.Partitioning;

/// <summary>The hash must be Spark's to the bit, so that partition numbers agree with a Spark cluster's.</summary>
public sealed class SparkMurmur3Tests
{
    // Known values of Spark's Murmur3_x86_32 with seed 0 (the same as Guava's murmur3_32 for 4- and 8-byte inputs).
    [Theory]
    [InlineData(0, 593689054)]
    [InlineData(-42, -189366624)]
    [InlineData(42, -1134849565)]
    [InlineData(int.MinValue, -1718298732)]
    [InlineData(int.MaxValue, -1653689534)]
    public void Int_hashes_match_spark(int value, int expected) => Assert.Equal(expected, SparkMurmur3.HashInt(value, seed: 0));

    [Theory]
    [InlineData(0L, 1669671676)]
    [InlineData(-42L, -846261623)]
    [InlineData(42L, 1871679806)]
    [InlineData(long.MinValue, 1366273829)]
    [InlineData(long.MaxValue, -2106506049)]
    public void Long_hashes_match_spark(long value, int expected) => Assert.Equal(expected, SparkMurmur3.HashLong(value, seed: 0));

    // Spark SQL's hash(s) (seed 42) of these strings, as published by projects that reimplement it and test against Spark.
    [Theory]
    [InlineData("hello", 3286402344u)]
    [InlineData("bar", 2486176763u)]
    [InlineData("", 142593372u)]
    [InlineData("😁", 885025535u)]
    [InlineData("天地", 2395000894u)]
    public void String_hashes_match_spark_sql(string value, uint expected) => Assert.Equal(unchecked((int)expected), SparkMurmur3.HashString(value));

    [Fact]
    public void Pmod_is_never_negative_and_the_hash_partitioner_uses_it()
    {
        Assert.Equal(2, SparkMurmur3.NonNegativeMod(-3, 5));
        var p = new HashPartitioner<string>(7);
        foreach (var s in new[] { "hello", "bar", "", "😁", "天地" })
            Assert.Equal(SparkMurmur3.NonNegativeMod(SparkMurmur3.HashString(s), 7), p.GetPartition(s));
        Assert.All(Enumerable.Range(-1000, 2000), i => Assert.InRange(new HashPartitioner<int>(7).GetPartition(i), 0, 6));
    }
}
