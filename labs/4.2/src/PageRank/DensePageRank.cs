using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.Retrieval.PageRank;

/// <summary>
/// The reference for small graphs: the Google matrix G = d·(M + dangling columns of 1/n) + (1 − d)/n·𝟙𝟙ᵀ built densely
/// (M_vu = edges u→v / out(u)), and its eigenvector for the eigenvalue 1 (a MathNet LU solve of the eigen-equation with Σx = 1),
/// Nothing of the power iteration is shared with it.
/// </summary>
public static class DensePageRank
{
    public const int MaxNodes = 600;

    public static Matrix<double> GoogleMatrix(CsrGraph graph, double damping)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        if (n > MaxNodes) throw new ArgumentOutOfRangeException(nameof(graph), n, $"the dense reference is for graphs of at most {MaxNodes} nodes");
        var g = Matrix<double>.Build.Dense(n, n, (1 - damping) / n);
        foreach (var (from, to) in graph.Edges()) g[to, from] += damping / graph.OutDegree[from];
        for (var u = 0; u < n; u++)
        {
            if (graph.OutDegree[u] != 0) continue;
            for (var v = 0; v < n; v++) g[v, u] += damping / n;
        }
        return g;
    }

    /// <summary>
    /// The stationary vector of the Google matrix, its eigenvector for eigenvalue 1 scaled to sum to 1: the system
    /// (G − I)x = 0 has rank n − 1 (G is positive and column-stochastic), so its last equation is replaced by Σx = 1 and
    /// the system is solved by MathNet's LU. (A general nonsymmetric EVD can fail to converge here: the identical columns
    /// of dangling nodes make 0 a highly repeated eigenvalue.)
    /// </summary>
    public static double[] Ranks(CsrGraph graph, double damping)
    {
        var g = GoogleMatrix(graph, damping);
        var n = g.RowCount;
        var system = g - Matrix<double>.Build.DenseIdentity(n);
        system.SetRow(n - 1, Vector<double>.Build.Dense(n, 1.0));
        var rhs = Vector<double>.Build.Dense(n);
        rhs[n - 1] = 1;
        return system.Solve(rhs).ToArray();
    }
}
