namespace StatelessMind.Labs.StochasticStatistics.Svd;

/// <summary>A truncation rank must lie in 1 … min(rows, columns): rank 0 keeps nothing, and a matrix has no more singular
/// values than its smaller dimension.</summary>
public sealed class RankOutOfRangeException(int rank, int rows, int columns)
    : StatisticalInputException($"rank {rank} for a {rows} × {columns} matrix: expected 1 … {Math.Min(rows, columns)}.")
{
    public int Rank { get; } = rank;
    public int MaximumRank { get; } = Math.Min(rows, columns);
}
