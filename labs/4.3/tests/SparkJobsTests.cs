using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Partitioning;
using StatelessMind.Labs.MassiveData.FrequentItemsets;
using StatelessMind.Labs.MassiveData.Recommendation;
using StatelessMind.SparkConnect;
using StatelessMind.SparkConnect.Testing;

namespace StatelessMind.Labs.MassiveData.Tests;

/// <summary>
/// The Spark route of Apriori's support counting and ALS's data preparation against the in-process Spark Connect server:
/// the input must reach the server whole, the query must run in the session that holds it, and the comparison with the
/// local run must see any difference. The server answers each query with its reference semantics (a self-join of the
/// baskets; Spark's Murmur3 for the user blocks, the mean summed in reverse order as a partitioned sum may be) — this
/// checks the protocol path and the comparison, not Spark; <see cref="MassiveDataOnSparkTests"/> runs them on a real cluster.
/// </summary>
public sealed class SparkJobsTests
{
    private const int MinSupport = 25;
    private const int Blocks = 4;

    private static FakeAnswer? Reference(string query, FakeSparkSession session, Func<double, double>? tamperMean = null)
    {
        if (query == new SupportCountingJob(MinSupport).SparkSql(SparkJobs.BasketsView))
        {
            var rows = session.Rows(SparkJobs.BasketsView).Select(r => (Basket: (int)r[0]!, Item: (int)r[1]!)).ToList();
            var pairs = rows.Join(rows, a => a.Basket, b => b.Basket, (a, b) => (a, b)).Where(x => x.a.Item < x.b.Item)
                .GroupBy(x => (x.a.Item, x.b.Item)).Select(g => (Pair: g.Key, Support: g.LongCount())).Where(p => p.Support >= MinSupport)
                .OrderBy(p => p.Pair.Item1).ThenBy(p => p.Pair.Item2).ToList();
            return FakeAnswer.From(new LocalTable().AddInt32s("item1", pairs.Select(p => p.Pair.Item1)).AddInt32s("item2", pairs.Select(p => p.Pair.Item2))
                .AddInt64s("support", pairs.Select(p => p.Support)));
        }
        if (query == new AlsPreparationJob(Blocks).SparkSql(SparkJobs.RatingsView))
        {
            var users = session.Column<int>(SparkJobs.RatingsView, "user");
            var ratings = session.Column<double>(SparkJobs.RatingsView, "rating");
            var mean = (tamperMean ?? (m => m))(ratings.Reverse().Sum() / ratings.Count);
            var blocks = users.GroupBy(u => SparkMurmur3.NonNegativeMod(SparkMurmur3.HashInt(u), Blocks)).OrderBy(g => g.Key).ToList();
            return FakeAnswer.From(new LocalTable().AddInt32s("user_block", blocks.Select(g => g.Key)).AddInt64s("ratings", blocks.Select(g => g.LongCount()))
                .AddDoubles("mean", blocks.Select(_ => mean)));
        }
        return null;
    }

    [Fact]
    [Goal("4.3-1")]
    public async Task Pair_supports_go_to_spark_and_come_back_equal_to_aprioris()
    {
        var baskets = BasketGenerator.Generate(400, 10, 6, 1.0, 5);
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        var apriori = Apriori.Run(ctx.Parallelize(baskets, 3), MinSupport);
        await using var server = await FakeSparkConnectServer.StartAsync((q, s) => Reference(q, s));
        using var spark = SparkSession.Connect(server.Endpoint);

        var comparison = await SparkJobs.SupportCountingAsync(spark, baskets, MinSupport, apriori);

        Assert.True(comparison.Same, comparison.Describe());
        Assert.NotEmpty(comparison.Local);
        var session = Assert.Single(server.Sessions);
        Assert.Equal(baskets.SelectMany(b => b), session.Column<int>(SparkJobs.BasketsView, "item"));
        Assert.Equal(baskets.Count, session.Column<int>(SparkJobs.BasketsView, "basket").Distinct().Count());
    }

    [Fact]
    [Goal("4.3-3")]
    public async Task Block_sizes_and_mean_go_to_spark_and_come_back_equal()
    {
        var (train, _) = RatingGenerator.Split(new RatingGenerator(120, 60, 3, 0.3, 5).Generate());
        await using var server = await FakeSparkConnectServer.StartAsync((q, s) => Reference(q, s));
        using var spark = SparkSession.Connect(server.Endpoint);

        var onSpark = await SparkJobs.AlsPreparationAsync(spark, train, Blocks);

        Assert.True(onSpark.RatingsPerBlock.Same, onSpark.RatingsPerBlock.Describe());
        Assert.True(onSpark.MeanAgrees, $"local {onSpark.LocalMean:R}, Spark {onSpark.SparkMean:R}");
        Assert.Equal(train.Select(r => r.Value), Assert.Single(server.Sessions).Column<double>(SparkJobs.RatingsView, "rating"));
    }

    [Fact]
    [Goal("4.3-3")]
    public async Task A_mean_that_differs_beyond_rounding_is_reported()
    {
        var (train, _) = RatingGenerator.Split(new RatingGenerator(120, 60, 3, 0.3, 5).Generate());
        await using var server = await FakeSparkConnectServer.StartAsync((q, s) => Reference(q, s, m => m * (1 + 1e-9)));
        using var spark = SparkSession.Connect(server.Endpoint);

        var onSpark = await SparkJobs.AlsPreparationAsync(spark, train, Blocks);

        Assert.True(onSpark.RatingsPerBlock.Same);
        Assert.False(onSpark.MeanAgrees);
    }
}
