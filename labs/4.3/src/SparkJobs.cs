using System.Globalization;
using StatelessMind.Labs.MassiveData.FrequentItemsets;
using StatelessMind.Labs.MassiveData.Recommendation;
using StatelessMind.SparkConnect;

namespace StatelessMind.Labs.MassiveData;

/// <summary>
/// This lab's SQL-expressible jobs on a Spark cluster through Spark Connect (<c>SPARK_REMOTE</c>), beside their local runs:
/// Apriori's pair-support pass (<see cref="SupportCountingJob"/>) over the view <see cref="BasketsView"/> (basket, item),
/// and ALS's data preparation (<see cref="AlsPreparationJob"/>) over the view <see cref="RatingsView"/> (user, item, rating).
/// </summary>
public static class SparkJobs
{
    public const string BasketsView = "baskets";
    public const string RatingsView = "ratings";

    /// <summary>One row per (basket, item): basket is the basket's index.</summary>
    public static LocalTable BasketsTable(IReadOnlyList<int[]> baskets)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        return new LocalTable()
            .AddInt32s("basket", baskets.SelectMany((items, b) => items.Select(_ => b)))
            .AddInt32s("item", baskets.SelectMany(items => items));
    }

    public static LocalTable RatingsTable(IReadOnlyList<Rating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        return new LocalTable().AddInt32s("user", ratings.Select(r => r.User)).AddInt32s("item", ratings.Select(r => r.Item)).AddDoubles("rating", ratings.Select(r => r.Value));
    }

    /// <summary>The supports of the frequent pairs on Spark against those of a local result (Apriori's, FP-growth's or brute force's).</summary>
    public static async Task<RowsComparison> SupportCountingAsync(SparkSession spark, IReadOnlyList<int[]> baskets, long minSupport, FrequentItemsetResult local,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spark);
        var job = new SupportCountingJob(minSupport);
        var result = await spark.QueryOverAsync(BasketsView, BasketsTable(baskets), job.SparkSql(BasketsView), cancellationToken).ConfigureAwait(false);
        return new RowsComparison(job.CanonicalRows(local), result.CanonicalRows());
    }

    /// <summary>
    /// ALS's data preparation on Spark against the local one: ratings per user block must be equal; the global mean is a sum
    /// of doubles, which Spark adds per partition and then merges, so it is compared to a relative 1e-12.
    /// </summary>
    public static async Task<AlsPreparationOnSpark> AlsPreparationAsync(SparkSession spark, IReadOnlyList<Rating> train, int blocks,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spark);
        var job = new AlsPreparationJob(blocks);
        var (mean, perBlock) = job.Run(train);
        var result = await spark.QueryOverAsync(RatingsView, RatingsTable(train), job.SparkSql(RatingsView), cancellationToken).ConfigureAwait(false);
        var local = perBlock.Select((n, b) => (n, b)).Where(x => x.n > 0).Select(x => $"{x.b.ToString(CultureInfo.InvariantCulture)}\t{x.n.ToString(CultureInfo.InvariantCulture)}").ToList();
        var remote = result.Rows.Select(r => $"{SparkValues.Format(r[0])}\t{SparkValues.Format(r[1])}").ToList();
        var means = result.Column("mean").Select(m => Convert.ToDouble(m, CultureInfo.InvariantCulture)).Distinct().ToList();
        if (means.Count > 1) throw new SparkConnectProtocolException($"The ALS preparation query returned {means.Count} different global means.");
        return new AlsPreparationOnSpark(new RowsComparison(local, remote), mean, means.Count == 0 ? double.NaN : means[0]);
    }
}
