using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Partitioning;
using StatelessMind.Labs.Scalability.Partitioning;

namespace StatelessMind.Labs.Scalability.Tests.Partitioning;

/// <summary>The repartitioning job Spark SQL can also compute: its sizes are those of pmod(hash(key), n).</summary>
public sealed class RepartitionJobTests
{
    [Fact]
    [Goal("1.1.2-3")]
    public void Partition_sizes_after_the_shuffle_are_those_of_spark_hash_pmod_n()
    {
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var keys = KeyDistribution.Zipf(30_000, 10_000, 1.1, 9);
        var job = new RepartitionJob(7);
        var sizes = job.Run(ctx.Parallelize(keys, 5));
        var expected = keys.GroupBy(k => SparkMurmur3.NonNegativeMod(SparkMurmur3.HashInt(k), 7)).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(Enumerable.Range(0, 7).Select(p => expected.GetValueOrDefault(p)), sizes);
        Assert.Equal(expected.Count, job.CanonicalRows(sizes).Count);
        Assert.Contains("pmod(hash(key), 7)", job.SparkSql("keys"), StringComparison.Ordinal);
    }
}
