using StatelessMind.Dataflow.Jobs;
using StatelessMind.SparkConnect;

namespace StatelessMind.Labs.DatabaseTheory.MapReduce;

/// <summary>
/// Word count on a Spark cluster through Spark Connect (<c>SPARK_REMOTE</c>), beside the MapReduce run on the dataflow layer:
/// the lines go to the server as the temporary view <see cref="LinesView"/> (one string column, value, as Spark's text
/// reader names it), and <see cref="WordCountJob.SparkSql"/> counts the same words — maximal runs of ASCII letters —
/// with <c>split(value, '[^A-Za-z]+')</c>.
/// </summary>
public static class SparkJobs
{
    public const string LinesView = "lines";

    public static LocalTable LinesTable(IEnumerable<string> lines) => new LocalTable().AddStrings("value", lines);

    /// <summary>Spark's word count of <paramref name="lines"/> against <paramref name="local"/>, both as ordered "word\tcount" rows.</summary>
    public static async Task<RowsComparison> WordCountAsync(SparkSession spark, IEnumerable<string> lines, IEnumerable<(string Word, long Count)> local,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spark);
        var job = new WordCountJob();
        var result = await spark.QueryOverAsync(LinesView, LinesTable(lines), job.SparkSql(LinesView), cancellationToken).ConfigureAwait(false);
        return new RowsComparison(job.CanonicalRows(local), result.CanonicalRows());
    }
}
