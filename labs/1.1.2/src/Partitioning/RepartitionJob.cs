using StatelessMind.Dataflow;
using StatelessMind.Dataflow.Jobs;
using StatelessMind.Dataflow.Partitioning;

namespace StatelessMind.Labs.Scalability.Partitioning;

/// <summary>
/// Hash repartitioning with a partition-size report, in the form Spark SQL can compute too: with Spark's hash the
/// partition of a key is <c>pmod(hash(key), n)</c> on both sides, so the sizes must agree exactly.
/// </summary>
public sealed class RepartitionJob(int partitions) : ISqlExpressibleJob<IReadOnlyList<long>>
{
    public int Partitions { get; } = partitions;

    /// <summary>Records per partition after <c>PartitionBy(new HashPartitioner(n))</c>, counted by the partitions' own tasks.</summary>
    public IReadOnlyList<long> Run(Dataset<int> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Map(k => (k, (byte)0)).PartitionBy(new HashPartitioner<int>(Partitions)).RunPerPartition("partition sizes", (_, records) => records.LongCount());
    }

    public string SparkSql(string inputView) =>
        $"SELECT pmod(hash(key), {Partitions}) AS partition, count(*) AS records FROM {inputView} GROUP BY 1 ORDER BY 1";

    public IReadOnlyList<string> CanonicalRows(IReadOnlyList<long> result) =>
        [.. (result ?? throw new ArgumentNullException(nameof(result))).Select((n, p) => (n, p)).Where(x => x.n > 0).Select(x => $"{x.p}\t{x.n}")];
}
