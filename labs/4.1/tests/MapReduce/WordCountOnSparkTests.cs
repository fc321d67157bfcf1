using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Text;
using StatelessMind.Labs.DatabaseTheory.MapReduce;
using StatelessMind.SparkConnect;
using StatelessMind.SparkConnect.Testing;

namespace StatelessMind.Labs.DatabaseTheory.Tests.MapReduce;

/// <summary>
/// Word count over the fortunes on a real Spark cluster (SPARK_REMOTE), against the MapReduce run on the dataflow layer.
/// Skipped, with the reason, when SPARK_REMOTE is unset; .github/workflows/spark-connect.yml runs it against docker compose's Spark.
/// </summary>
public sealed class WordCountOnSparkTests(ITestOutputHelper output)
{
    [SparkConnectFact]
    [Goal("4.1-1")]
    public async Task Word_count_over_the_fortunes_on_spark_equals_the_mapreduce_run()
    {
        var files = FortuneCorpus.Files();
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var local = WordCount.Run(ctx.TextFiles(files), reducers: 8).Collect();
        using var spark = SparkSession.FromEnvironment() ?? throw new InvalidOperationException(SparkConnectFactAttribute.SkipReason);

        var comparison = await SparkJobs.WordCountAsync(spark, files.SelectMany(File.ReadLines), local);

        output.WriteLine($"{files.Count} fortune files, {local.Count:N0} distinct words: {comparison.Describe()}");
        Assert.True(comparison.Same, comparison.Describe());
    }
}
