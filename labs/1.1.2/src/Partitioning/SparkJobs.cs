using System.Globalization;
using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Partitioning;
using StatelessMind.SparkConnect;

namespace StatelessMind.Labs.Scalability.Partitioning;

/// <summary>
/// This lab's partitioning jobs on a Spark cluster through Spark Connect (<c>SPARK_REMOTE</c>), beside their local runs on
/// the dataflow layer. The keys go to the server as the temporary view <see cref="KeysView"/> (one int column, key);
/// Spark then repartitions them with the <c>REPARTITION</c> / <c>REPARTITION_BY_RANGE</c> hints, and
/// <c>spark_partition_id()</c> reports how many records each partition received.
/// </summary>
public static class SparkJobs
{
    public const string KeysView = "keys";

    public static LocalTable KeysTable(IEnumerable<int> keys) => new LocalTable().AddInt32s("key", keys);

    /// <summary>Records per partition after Spark's own hash shuffle (<c>REPARTITION(n, key)</c>, which places a key by pmod(murmur3(key), n)).</summary>
    public static string HashRepartitionSql(int partitions, string view = KeysView) =>
        $"SELECT spark_partition_id() AS partition, count(*) AS records FROM (SELECT /*+ REPARTITION({Count(partitions)}, key) */ key FROM {view}) " +
        "GROUP BY 1 ORDER BY 1";

    /// <summary>Records, lowest and highest key per partition after Spark's range shuffle (<c>REPARTITION_BY_RANGE(n, key)</c>, bounds from a sample).</summary>
    public static string RangeRepartitionSql(int partitions, string view = KeysView) =>
        $"SELECT spark_partition_id() AS partition, count(*) AS records, min(key) AS low, max(key) AS high FROM " +
        $"(SELECT /*+ REPARTITION_BY_RANGE({Count(partitions)}, key) */ key FROM {view}) GROUP BY 1 ORDER BY 1";

    /// <summary>
    /// Hash repartitioning on both sides: the local partition sizes of <paramref name="job"/> against Spark's, computed two
    /// ways — the job's own query (<c>pmod(hash(key), n)</c> as arithmetic) and a real shuffle by the REPARTITION hint.
    /// With Spark's hash on both sides every size must agree.
    /// </summary>
    public static async Task<HashRepartitionOnSpark> HashRepartitionAsync(SparkSession spark, RepartitionJob job, IReadOnlyList<int> keys,
        IReadOnlyList<long> localSizes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spark);
        ArgumentNullException.ThrowIfNull(job);
        await spark.CreateTempViewAsync(KeysView, KeysTable(keys), cancellationToken: cancellationToken).ConfigureAwait(false);
        var local = job.CanonicalRows(localSizes);
        var byExpression = await spark.SqlAsync(job.SparkSql(KeysView), cancellationToken).ConfigureAwait(false);
        var byShuffle = await spark.SqlAsync(HashRepartitionSql(job.Partitions), cancellationToken).ConfigureAwait(false);
        return new HashRepartitionOnSpark(new RowsComparison(local, byExpression.CanonicalRows()), new RowsComparison(local, byShuffle.CanonicalRows()));
    }

    /// <summary>Spark's range repartitioning of <paramref name="keys"/> into <paramref name="partitions"/>, as a partition-size report.</summary>
    public static async Task<RangePartitionReport> RangeRepartitionAsync(SparkSession spark, IReadOnlyList<int> keys, int partitions,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spark);
        await spark.CreateTempViewAsync(KeysView, KeysTable(keys), cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = await spark.SqlAsync(RangeRepartitionSql(partitions), cancellationToken).ConfigureAwait(false);
        return new RangePartitionReport([.. result.Rows.Select(r => new RangePartitionSize(
            Convert.ToInt32(r[0], CultureInfo.InvariantCulture), Convert.ToInt64(r[1], CultureInfo.InvariantCulture),
            Convert.ToInt32(r[2], CultureInfo.InvariantCulture), Convert.ToInt32(r[3], CultureInfo.InvariantCulture)))]);
    }

    /// <summary>The same report for the local range partitioner (<see cref="RangePartitioning.Sketch{TKey}"/>, Spark's method on the dataflow layer).</summary>
    public static RangePartitionReport LocalRangeRepartition(Dataset<int> keys, int partitions)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var partitioner = RangePartitioning.Sketch(keys, partitions);
        var parts = keys.Map(k => (k, (byte)0)).PartitionBy(partitioner).RunPerPartition("range partition sizes",
            (p, records) => records.Aggregate((Count: 0L, Low: int.MaxValue, High: int.MinValue), (a, r) => (a.Count + 1, Math.Min(a.Low, r.Key), Math.Max(a.High, r.Key))));
        return new RangePartitionReport([.. parts.Select((s, p) => new RangePartitionSize(p, s.Count, s.Low, s.High)).Where(s => s.Records > 0)]);
    }

    private static string Count(int partitions) =>
        partitions >= 1 ? partitions.ToString(CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(nameof(partitions), "At least one partition.");
}
