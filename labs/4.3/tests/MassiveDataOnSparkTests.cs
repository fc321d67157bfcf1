using StatelessMind.Dataflow;
using StatelessMind.Labs.MassiveData.FrequentItemsets;
using StatelessMind.Labs.MassiveData.Recommendation;
using StatelessMind.SparkConnect;
using StatelessMind.SparkConnect.Testing;

namespace StatelessMind.Labs.MassiveData.Tests;

/// <summary>
/// Apriori's support counting and ALS's data preparation on a real Spark cluster (SPARK_REMOTE), against the local runs.
/// Skipped, with the reason, when SPARK_REMOTE is unset; .github/workflows/spark-connect.yml runs them against docker compose's Spark.
/// </summary>
public sealed class MassiveDataOnSparkTests(ITestOutputHelper output)
{
    private static SparkSession Connect() => SparkSession.FromEnvironment() ?? throw new InvalidOperationException(SparkConnectFactAttribute.SkipReason);

    [SparkConnectFact]
    [Goal("4.3-1")]
    public async Task Frequent_pair_supports_on_spark_equal_aprioris()
    {
        const int minSupport = 40;
        var baskets = BasketGenerator.Generate(2_000, 40, 12, 1.0, 11);
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var apriori = Apriori.Run(ctx.Parallelize(baskets, 4), minSupport);
        using var spark = Connect();

        var comparison = await SparkJobs.SupportCountingAsync(spark, baskets, minSupport, apriori);

        output.WriteLine($"{baskets.Count} baskets, {comparison.Local.Count} frequent pairs: {comparison.Describe()}");
        Assert.NotEmpty(comparison.Local);
        Assert.True(comparison.Same, comparison.Describe());
    }

    [SparkConnectFact]
    [Goal("4.3-3")]
    public async Task Als_preparation_on_spark_equals_the_local_one()
    {
        var (train, _) = RatingGenerator.Split(new RatingGenerator(800, 400, 5, 0.5, 7).Generate());
        using var spark = Connect();

        var onSpark = await SparkJobs.AlsPreparationAsync(spark, train, blocks: 8);

        output.WriteLine($"{train.Count} ratings; blocks: {onSpark.RatingsPerBlock.Describe()}; mean local {onSpark.LocalMean:R}, Spark {onSpark.SparkMean:R}");
        Assert.True(onSpark.RatingsPerBlock.Same, onSpark.RatingsPerBlock.Describe());
        Assert.True(onSpark.MeanAgrees, $"local {onSpark.LocalMean:R}, Spark {onSpark.SparkMean:R}");
    }
}
