namespace StatelessMind.Dataflow.Metrics;

/// <summary>How evenly records are spread over partitions: max/mean (1 = perfectly even; the slowest task does
/// this many times the average work) and the coefficient of variation (standard deviation / mean).</summary>
public sealed record PartitionBalance(int Partitions, long Total, long Min, long Max, double Mean, double MaxOverMean, double CoefficientOfVariation)
{
    public static PartitionBalance Of(IReadOnlyList<long> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count == 0) return new PartitionBalance(0, 0, 0, 0, 0, double.NaN, double.NaN);
        #region Exercise 1.1.2-3c: max/mean and the coefficient of variation of partition sizes (tests: PartitionBalanceTests)
        var total = sizes.Sum();
        var mean = (double)total / sizes.Count;
        var variance = sizes.Sum(s => (s - mean) * (s - mean)) / sizes.Count;
        var max = sizes.Max();
        return new PartitionBalance(sizes.Count, total, sizes.Min(), max, mean,
            mean > 0 ? max / mean : double.NaN, mean > 0 ? Math.Sqrt(variance) / mean : double.NaN);
        #endregion
    }
}
