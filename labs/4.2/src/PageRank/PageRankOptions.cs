namespace StatelessMind.Labs.Retrieval.PageRank;

/// <summary>
/// The settings of a PageRank run: the damping d (probability of following a link), the tolerance tol (the iteration
/// stops when the L1 change of the rank vector falls below n·tol), and a cap on the iterations.
/// </summary>
public sealed record PageRankOptions(double Damping = 0.85, double Tolerance = 1e-10, int MaxIterations = 1000, PageRankBug Bug = PageRankBug.None)
{
    public static PageRankOptions Default { get; } = new();
}
