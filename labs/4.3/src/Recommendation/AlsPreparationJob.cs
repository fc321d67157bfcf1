using StatelessMind.Dataflow.Jobs;

namespace StatelessMind.Labs.MassiveData.Recommendation;

/// <summary>
/// The data preparation of ALS in the form Spark SQL computes too: the training ratings' global mean and how many
/// ratings fall in each user block (<c>pmod(hash(user), blocks)</c>) — the in-blocks' sizes, which decide how even the
/// blocked updates are.
/// </summary>
public sealed class AlsPreparationJob(int blocks) : ISqlExpressibleJob<(double Mean, IReadOnlyList<long> RatingsPerBlock)>
{
    public (double Mean, IReadOnlyList<long> RatingsPerBlock) Run(IReadOnlyList<Rating> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var perBlock = new long[blocks];
        foreach (var r in train) perBlock[BlockPartitioner.BlockOf(r.User, blocks)]++;
        return (train.Average(r => r.Value), perBlock);
    }

    public string SparkSql(string inputView) =>
        $"SELECT pmod(hash(user), {blocks}) AS user_block, count(*) AS ratings, (SELECT avg(rating) FROM {inputView}) AS mean " +
        $"FROM {inputView} GROUP BY 1 ORDER BY 1";

    public IReadOnlyList<string> CanonicalRows((double Mean, IReadOnlyList<long> RatingsPerBlock) result) =>
        [.. result.RatingsPerBlock.Select((n, b) => $"{b}\t{n}\t{result.Mean.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}")];
}
