using StatelessMind.Dataflow.Jobs;

namespace StatelessMind.Labs.MassiveData.FrequentItemsets;

/// <summary>
/// Apriori's second pass, the one Spark SQL can express directly: the support of every pair of items bought together,
/// kept if at least min-support baskets hold it. The input view has one row per (basket, item).
/// </summary>
public sealed class SupportCountingJob(long minSupport) : ISqlExpressibleJob<FrequentItemsetResult>
{
    public string SparkSql(string inputView) =>
        $"SELECT a.item AS item1, b.item AS item2, count(*) AS support FROM {inputView} a JOIN {inputView} b " +
        $"ON a.basket = b.basket AND a.item < b.item GROUP BY a.item, b.item HAVING count(*) >= {minSupport} ORDER BY item1, item2";

    public IReadOnlyList<string> CanonicalRows(FrequentItemsetResult result) =>
        [.. (result ?? throw new ArgumentNullException(nameof(result))).Support.Where(kv => kv.Key.Count == 2)
            .OrderBy(kv => kv.Key).Select(kv => $"{kv.Key[0]}\t{kv.Key[1]}\t{kv.Value}")];
}
