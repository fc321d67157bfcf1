using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>
/// A finite Markov chain on states 0 … n − 1 with a row-stochastic transition matrix P (P[i, j] = Pr(next = j | now = i)),
/// validated on construction. Its stationary distribution π (πP = π, Σπ = 1) is found three ways: as the left
/// eigenvector of P for eigenvalue 1, by a linear solve of π(P − I) = 0 with one equation replaced by Σπ = 1, and as the
/// long-run visit frequencies of a simulated walk; for an aperiodic chain, also as the common row of lim Pⁿ.
/// </summary>
public sealed class MarkovChain
{
    /// <summary>How far a row sum may be from 1 before the matrix is refused.</summary>
    public const double RowSumTolerance = 1e-9;

    private readonly double[][] _rows;
    private readonly StochasticBug _bug;

    private MarkovChain(double[][] rows, StochasticBug bug)
    {
        _rows = rows;
        _bug = bug;
        Transition = Matrix<double>.Build.DenseOfRowArrays(rows);
    }

    public int States => _rows.Length;

    /// <summary>P, a copy (the chain's own rows are never exposed).</summary>
    public Matrix<double> Transition { get; }

    /// <summary>Checks the shape, every entry and every row sum, and builds the chain.</summary>
    public static MarkovChain From(double[,] transition, StochasticBug bug = StochasticBug.None)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var (rows, columns) = (transition.GetLength(0), transition.GetLength(1));
        if (rows != columns || rows == 0) throw new TransitionMatrixShapeException(rows, columns);
        var copy = new double[rows][];
        for (var i = 0; i < rows; i++)
        {
            copy[i] = new double[columns];
            var sum = 0.0;
            for (var j = 0; j < columns; j++)
            {
                var p = transition[i, j];
                if (!double.IsFinite(p) || p < 0) throw new NegativeTransitionException(i, j, p);
                copy[i][j] = p;
                sum += p;
            }
            if (Math.Abs(sum - 1) > RowSumTolerance) throw new RowSumException(i, sum);
        }
        return new MarkovChain(copy, bug);
    }

    /// <summary>Throws <see cref="ReducibleChainException"/> unless every state reaches every other: the condition for
    /// a unique stationary distribution (with all πᵢ &gt; 0).</summary>
    public void RequireIrreducible()
    {
        // Irreducible ⇔ every state is reachable from 0 and 0 is reachable from every state.
        var forward = Reachable(0, (i, j) => _rows[i][j] > 0);
        var missing = Array.IndexOf(forward, false);
        if (missing >= 0) throw new ReducibleChainException(0, missing);
        var backward = Reachable(0, (i, j) => _rows[j][i] > 0);
        missing = Array.IndexOf(backward, false);
        if (missing >= 0) throw new ReducibleChainException(missing, 0);
    }

    /// <summary>The period of an irreducible chain: the gcd of the lengths of all cycles through a state, read from the
    /// breadth-first levels as gcd over edges i → j of level(i) + 1 − level(j).</summary>
    public int Period()
    {
        RequireIrreducible();
        var level = Enumerable.Repeat(-1, States).ToArray();
        level[0] = 0;
        var queue = new Queue<int>([0]);
        var period = 0;
        while (queue.Count > 0)
        {
            var i = queue.Dequeue();
            for (var j = 0; j < States; j++)
            {
                if (_rows[i][j] <= 0) continue;
                if (level[j] < 0)
                {
                    level[j] = level[i] + 1;
                    queue.Enqueue(j);
                }
                else period = (int)System.Numerics.BigInteger.GreatestCommonDivisor(period, Math.Abs(level[i] + 1 - level[j]));
            }
        }
        return period;
    }

    /// <summary>π as the left eigenvector of P for eigenvalue 1 (MathNet's EVD of Pᵀ), scaled to sum 1.</summary>
    public Vector<double> StationaryByEigenvector()
    {
        RequireIrreducible();
        var pi = EigenvectorForOne(Transition);
        // The planted bug keeps the unit Euclidean length an eigen-solver naturally returns.
        return _bug == StochasticBug.UnnormalisedStationary ? pi / pi.L2Norm() : pi;
    }

    /// <summary>π from the linear system π(P − I) = 0, Σπ = 1: (P − I)ᵀπᵀ = 0 with its last equation replaced by the sum.</summary>
    public Vector<double> StationaryBySolve()
    {
        RequireIrreducible();
        return SolveBalance(Transition);
    }

    /// <summary>lim Pⁿ's common row, by repeated squaring until every row agrees with the first to 1e-13; refuses a
    /// periodic chain, whose powers never converge.</summary>
    public Vector<double> LimitDistribution()
    {
        var period = Period();
        if (period != 1) throw new PeriodicChainException(period);
        var power = Transition.Clone();
        for (var squaring = 0; squaring < 200; squaring++)
        {
            var spread = 0.0;
            for (var i = 1; i < States; i++) spread = Math.Max(spread, (power.Row(i) - power.Row(0)).InfinityNorm());
            if (spread <= 1e-13) break;
            power *= power;
        }
        var row = power.Row(0);
        return row / row.Sum();
    }

    /// <summary>A seeded walk of <paramref name="steps"/> transitions from <paramref name="start"/>, returning how often
    /// each state was visited after each step (and the counts at each of the ascending <paramref name="checkpoints"/>).</summary>
    public ChainSimulation Simulate(int start, long steps, Random random, IReadOnlyList<long>? checkpoints = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(start, States);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1L);
        var marks = (checkpoints ?? []).Where(c => c >= 1 && c <= steps).Distinct().Order().ToArray();
        // The planted bug hands the walk row (i + 1) mod n as state i's row.
        var rows = _bug == StochasticBug.WrongRowInSimulation
            ? Enumerable.Range(0, States).Select(i => _rows[(i + 1) % States]).ToArray()
            : _rows;
        var snapshots = new long[marks.Length][];
        var counts = Walk(rows, start, steps, random, marks, snapshots);
        return new ChainSimulation(steps, counts, marks.Select((m, k) => new VisitSnapshot(m, snapshots[k])).ToList());
    }

    /// <summary>
    /// The asymptotic variance of the visit frequency of each state, n·Var(fᵢ) → σᵢ² = πᵢ(2Zᵢᵢ − 1 − πᵢ) with the
    /// fundamental matrix Z = (I − P + 1π)⁻¹ (Kemeny and Snell): what sets how close a walk of n steps gets to π.
    /// </summary>
    public Vector<double> AsymptoticVisitVariances()
    {
        var pi = StationaryBySolve();
        var n = States;
        var limit = Matrix<double>.Build.Dense(n, n, (_, j) => pi[j]);
        var z = (Matrix<double>.Build.DenseIdentity(n) - Transition + limit).Inverse();
        return Vector<double>.Build.Dense(n, i => Math.Max(0, pi[i] * (2 * z[i, i] - 1 - pi[i])));
    }

    /// <summary>½ Σ|pᵢ − qᵢ|, the total-variation distance between two distributions on the same states.</summary>
    public static double TotalVariation(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p.Count != q.Count) throw new ArgumentException($"distributions over {p.Count} and {q.Count} states", nameof(q));
        var sum = 0.0;
        for (var i = 0; i < p.Count; i++) sum += Math.Abs(p[i] - q[i]);
        return sum / 2;
    }

    /// <summary>The eigenvector of Pᵀ whose eigenvalue is closest to 1, real, with its entries summing to 1.</summary>
    internal static Vector<double> EigenvectorForOne(Matrix<double> transition)
    {
        #region Exercise 4.6-3a: the stationary distribution as the eigenvector of the transposed transition matrix for eigenvalue 1 (tests: StationaryDistributionTests)
        var evd = transition.Transpose().Evd();
        var best = 0;
        for (var k = 1; k < evd.EigenValues.Count; k++)
            if ((evd.EigenValues[k] - 1).Magnitude < (evd.EigenValues[best] - 1).Magnitude) best = k;
        var vector = evd.EigenVectors.Column(best);
        // An eigenvector is defined up to a factor (possibly negative): dividing by the sum makes it a distribution.
        return vector / vector.Sum();
        #endregion
    }

    /// <summary>Solves (P − I)ᵀx = 0 with the last equation replaced by Σx = 1 (the n balance equations have rank n − 1).</summary>
    internal static Vector<double> SolveBalance(Matrix<double> transition)
    {
        #region Exercise 4.6-3b: the stationary distribution by a linear solve of the balance equations with the sum constraint (tests: StationaryDistributionTests)
        var n = transition.RowCount;
        var a = (transition - Matrix<double>.Build.DenseIdentity(n)).Transpose();
        var b = Vector<double>.Build.Dense(n);
        for (var j = 0; j < n; j++) a[n - 1, j] = 1;
        b[n - 1] = 1;
        return a.Solve(b);
        #endregion
    }

    /// <summary>The walk itself: from <paramref name="start"/>, each step draws u ~ U[0, 1) and moves to the first state
    /// whose cumulative row probability exceeds u; <paramref name="snapshots"/>[k] receives the counts after step marks[k].</summary>
    internal static long[] Walk(double[][] rows, int start, long steps, Random random, long[] marks, long[][] snapshots)
    {
        #region Exercise 4.6-3c: the seeded random walk and its visit counts (tests: ChainSimulationTests)
        var n = rows.Length;
        var cumulative = rows.Select(row =>
        {
            var c = new double[n];
            var sum = 0.0;
            for (var j = 0; j < n; j++) c[j] = sum += row[j];
            return c;
        }).ToArray();
        var counts = new long[n];
        var state = start;
        var next = 0;
        for (long step = 1; step <= steps; step++)
        {
            var u = random.NextDouble() * cumulative[state][n - 1];
            var j = 0;
            while (j < n - 1 && cumulative[state][j] <= u) j++;
            state = j;
            counts[state]++;
            if (next < marks.Length && marks[next] == step) snapshots[next++] = (long[])counts.Clone();
        }
        return counts;
        #endregion
    }

    private bool[] Reachable(int origin, Func<int, int, bool> edge)
    {
        var seen = new bool[States];
        seen[origin] = true;
        var stack = new Stack<int>([origin]);
        while (stack.Count > 0)
        {
            var i = stack.Pop();
            for (var j = 0; j < States; j++)
                if (!seen[j] && edge(i, j))
                {
                    seen[j] = true;
                    stack.Push(j);
                }
        }
        return seen;
    }
}
