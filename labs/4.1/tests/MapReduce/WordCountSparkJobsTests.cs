using System.Text.RegularExpressions;
using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Jobs;
using StatelessMind.Dataflow.Text;
using StatelessMind.Labs.DatabaseTheory.MapReduce;
using StatelessMind.SparkConnect;
using StatelessMind.SparkConnect.Testing;

namespace StatelessMind.Labs.DatabaseTheory.Tests.MapReduce;

/// <summary>
/// The Spark route of word count against the in-process Spark Connect server: the lines must reach the server whole, the
/// query must run in the session that holds them, and the comparison with the MapReduce run must see any difference.
/// The server answers the query with its reference semantics (Java-style regex split on [^A-Za-z]+, empty strings
/// dropped) — this checks the protocol path and the comparison, not Spark; <see cref="WordCountOnSparkTests"/> runs it on a real cluster.
/// </summary>
public sealed partial class WordCountSparkJobsTests
{
    private static FakeSparkSql Reference(Func<List<(string Word, long Count)>, List<(string Word, long Count)>>? tamper = null) => (query, session) =>
    {
        if (query != new WordCountJob().SparkSql(SparkJobs.LinesView)) return null;
        var counts = session.Column<string>(SparkJobs.LinesView, "value").SelectMany(line => NonLetters().Split(line)).Where(w => w.Length > 0)
            .GroupBy(w => w, StringComparer.Ordinal).Select(g => (Word: g.Key, Count: g.LongCount())).OrderBy(x => x.Word, StringComparer.Ordinal).ToList();
        counts = (tamper ?? (c => c))(counts);
        return FakeAnswer.From(new LocalTable().AddStrings("word", counts.Select(c => c.Word)).AddInt64s("count", counts.Select(c => c.Count)));
    };

    private static (List<string> Lines, IReadOnlyList<(string Word, long Count)> Local) MapReduceRun()
    {
        var files = FortuneCorpus.Files().Take(3).ToList();
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        return ([.. files.SelectMany(File.ReadLines)], WordCount.Run(ctx.TextFiles(files), reducers: 4).Collect());
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task Word_counts_go_to_spark_and_come_back_equal()
    {
        var (lines, local) = MapReduceRun();
        await using var server = await FakeSparkConnectServer.StartAsync(Reference());
        using var spark = SparkSession.Connect(server.Endpoint);

        var comparison = await SparkJobs.WordCountAsync(spark, lines, local);

        Assert.True(comparison.Same, comparison.Describe());
        Assert.Equal(lines, Assert.Single(server.Sessions).Column<string>(SparkJobs.LinesView, "value"));
        Assert.Equal(2, server.ExecuteRequests.Count);
        Assert.Equal(new WordCountJob().SparkSql(SparkJobs.LinesView), server.ExecuteRequests[1].Plan.Root.Sql.Query);
    }

    [Fact]
    [Goal("4.1-1")]
    public async Task A_count_that_differs_on_spark_is_reported()
    {
        var (lines, local) = MapReduceRun();
        await using var server = await FakeSparkConnectServer.StartAsync(Reference(counts => [.. counts.Select((c, i) => i == 10 ? (c.Word, c.Count + 1) : c)]));
        using var spark = SparkSession.Connect(server.Endpoint);

        var comparison = await SparkJobs.WordCountAsync(spark, lines, local);

        Assert.False(comparison.Same);
        Assert.StartsWith("row 10 differs", comparison.Describe(), StringComparison.Ordinal);
    }

    [GeneratedRegex("[^A-Za-z]+")]
    private static partial Regex NonLetters();
}
