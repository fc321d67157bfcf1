using StatelessMind.Dataflow;
using StatelessMind.Labs.Scalability.Partitioning;
using StatelessMind.SparkConnect;
using StatelessMind.SparkConnect.Testing;

namespace StatelessMind.Labs.Scalability.Tests.Partitioning;

/// <summary>
/// Hash and range repartitioning on a real Spark cluster (SPARK_REMOTE), beside the local run on the dataflow layer.
/// Skipped, with the reason, when SPARK_REMOTE is unset; .github/workflows/spark-connect.yml runs them against docker compose's Spark.
/// </summary>
public sealed class PartitioningOnSparkTests(ITestOutputHelper output)
{
    private const int Partitions = 7;

    private static SparkSession Connect() => SparkSession.FromEnvironment() ?? throw new InvalidOperationException(SparkConnectFactAttribute.SkipReason);

    [SparkConnectFact]
    [Goal("1.1.2-3")]
    public async Task Hash_partition_sizes_on_spark_equal_the_local_ones()
    {
        var keys = KeyDistribution.Zipf(30_000, 10_000, 1.1, 9);
        var job = new RepartitionJob(Partitions);
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var local = job.Run(ctx.Parallelize(keys, 5));
        using var spark = Connect();

        var onSpark = await SparkJobs.HashRepartitionAsync(spark, job, keys, local);

        output.WriteLine($"local sizes {string.Join(", ", local)}; pmod(hash): {onSpark.ByHashExpression.Describe()}; REPARTITION hint: {onSpark.ByRepartitionHint.Describe()}");
        Assert.True(onSpark.ByHashExpression.Same, onSpark.ByHashExpression.Describe());
        Assert.True(onSpark.ByRepartitionHint.Same, onSpark.ByRepartitionHint.Describe());
    }

    [SparkConnectFact]
    [Goal("1.1.2-3")]
    public async Task Range_partitions_on_spark_are_ordered_complete_and_match_their_bounds()
    {
        var keys = KeyDistribution.Zipf(30_000, 10_000, 1.1, 4);
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var local = SparkJobs.LocalRangeRepartition(ctx.Parallelize(keys, 5), Partitions);
        using var spark = Connect();

        var onSpark = await SparkJobs.RangeRepartitionAsync(spark, keys, Partitions);

        output.WriteLine($"local:  max/mean {local.MaxOverMean(Partitions):0.00}; {local}");
        output.WriteLine($"Spark:  max/mean {onSpark.MaxOverMean(Partitions):0.00}; {onSpark}");
        Assert.True(onSpark.OrderedAndDisjoint, onSpark.ToString());
        Assert.Equal(keys.Length, onSpark.Records);
        Assert.InRange(onSpark.Partitions.Count, 1, Partitions);
        Assert.Equal(onSpark.Partitions.Select(p => p.Records), onSpark.RecountWithin(keys));
    }
}
