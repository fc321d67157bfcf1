using System.Diagnostics;

namespace StatelessMind.Labs.Retrieval.PageRank;

/// <summary>
/// PageRank by power iteration over a <see cref="CsrGraph"/>: r' = (1 − d)/n + d·(Σ_{u→v} r_u/out(u) + D/n), where D is
/// the rank held by dangling nodes, handed back uniformly (the uniform personalization vector). Each step is a parallel
/// sparse matrix–vector product over fixed node chunks, so the result does not depend on the thread schedule.
/// </summary>
public static class CsrPageRank
{
    /// <summary>Nodes per chunk of the parallel step; the chunk boundaries are fixed, so the sums are reproducible.</summary>
    internal const int ChunkSize = 1 << 14;

    /// <summary>Iterates from the uniform vector until the L1 change falls below n·tol or the cap is reached.</summary>
    public static PageRankResult Compute(CsrGraph graph, PageRankOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Damping is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(options), options.Damping, "the damping must lie strictly between 0 and 1");
        if (options.Tolerance <= 0 || options.MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(options), "the tolerance must be > 0 and the iteration cap ≥ 1");
        return Iterate(graph, options, cancellationToken);
    }

    private static PageRankResult Iterate(CsrGraph graph, PageRankOptions options, CancellationToken cancellationToken)
    {
        #region Exercise 4.2-3c: the convergence loop: start uniform, step until the L1 change falls below n·tol, record every change (tests: ConvergenceTests, DenseReferenceTests, QuikGraphAgreementTests, PlantedBugTests, ExperimentTests)
        var n = graph.NodeCount;
        var rank = new double[n];
        Array.Fill(rank, 1.0 / n);
        var next = new double[n];
        var scratch = new double[n];
        var deltas = new List<double>();
        var converged = false;
        var clock = Stopwatch.StartNew();
        while (deltas.Count < options.MaxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var delta = Step(graph, rank, next, scratch, EffectiveDamping(options), DanglingMass(graph, rank, options.Bug));
            deltas.Add(delta);
            (rank, next) = (next, rank);
            if (delta < n * options.Tolerance)
            {
                converged = true;
                break;
            }
        }
        return new PageRankResult(rank, deltas, converged, clock.Elapsed);
        #endregion
    }

    /// <summary>
    /// One power-iteration step: writes r' into <paramref name="next"/> and returns ‖r' − r‖₁.
    /// <paramref name="scratch"/> (n doubles) holds r_u/out(u) for the pull.
    /// </summary>
    internal static double Step(CsrGraph graph, double[] rank, double[] next, double[] scratch, double damping, double danglingMass)
    {
        #region Exercise 4.2-3b: one power-iteration step as a parallel pull over the in-edge CSR, with teleport and dangling mass, returning the L1 change (tests: PowerIterationStepTests, ConvergenceTests, DenseReferenceTests, QuikGraphAgreementTests, PlantedBugTests, ExperimentTests)
        var n = graph.NodeCount;
        var chunks = (n + ChunkSize - 1) / ChunkSize;
        var offsets = graph.InOffsets;
        var sources = graph.InSources;
        var degree = graph.OutDegree;
        Parallel.For(0, chunks, c =>
        {
            var end = Math.Min(n, (c + 1) * ChunkSize);
            for (var u = c * ChunkSize; u < end; u++) scratch[u] = degree[u] == 0 ? 0 : rank[u] / degree[u];
        });
        var baseline = (1 - damping) / n + damping * danglingMass / n;
        var partial = new double[chunks];
        Parallel.For(0, chunks, c =>
        {
            var end = Math.Min(n, (c + 1) * ChunkSize);
            var delta = 0.0;
            for (var v = c * ChunkSize; v < end; v++)
            {
                var sum = 0.0;
                for (var e = offsets[v]; e < offsets[v + 1]; e++) sum += scratch[sources[e]];
                var value = baseline + damping * sum;
                delta += Math.Abs(value - rank[v]);
                next[v] = value;
            }
            partial[c] = delta;
        });
        var total = 0.0;
        foreach (var p in partial) total += p;
        return total;
        #endregion
    }

    /// <summary>The rank held by nodes without out-edges (what the planted bug forgets).</summary>
    internal static double DanglingMass(CsrGraph graph, double[] rank, PageRankBug bug)
    {
        if (bug == PageRankBug.DanglingMassDropped) return 0;
        var mass = 0.0;
        var degree = graph.OutDegree;
        for (var u = 0; u < degree.Length; u++)
            if (degree[u] == 0) mass += rank[u];
        return mass;
    }

    /// <summary>The damping the step is given (the planted bug swaps it with its complement).</summary>
    internal static double EffectiveDamping(PageRankOptions options) =>
        options.Bug == PageRankBug.DampingSwapped ? 1 - options.Damping : options.Damping;
}
