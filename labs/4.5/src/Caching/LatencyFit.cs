namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>
/// Turns the simulator's prediction (which share of loads each level serves, per working-set size) into
/// nanoseconds: the per-level latencies t that best explain the measured curve, by least squares on
/// relative error: minimise Σ_j ((m_j − Σ_i f_ji·t_i) / m_j)². A level that serves under 20% of the loads at
/// every size cannot be told apart from its neighbours and is left out (its latency is NaN).
/// </summary>
public sealed class LatencyFit
{
    private LatencyFit(double[] latencies) => Latencies = latencies;

    /// <summary>Fitted latency of each level (last: memory); NaN where the level was not observed.</summary>
    public IReadOnlyList<double> Latencies { get; }

    public double Predict(IReadOnlyList<double> fractions)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        var sum = 0.0;
        for (var i = 0; i < fractions.Count; i++)
            if (!double.IsNaN(Latencies[i])) sum += fractions[i] * Latencies[i];
        return sum;
    }

    public static LatencyFit Fit(IReadOnlyList<IReadOnlyList<double>> fractions, IReadOnlyList<double> measured)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        ArgumentNullException.ThrowIfNull(measured);
        if (fractions.Count != measured.Count || fractions.Count == 0) throw new ArgumentException("One fraction vector per measurement is needed.");
        var levels = fractions[0].Count;
        var active = Enumerable.Range(0, levels).Where(i => fractions.Max(f => f[i]) >= 0.2).ToList();
        var t = new double[levels];
        Array.Fill(t, double.NaN);
        // Active-set loop: a negative latency means the level is not identifiable from this data: drop it.
        while (active.Count > 0)
        {
            var solution = SolveWeightedLeastSquares(fractions, measured, active);
            var negative = Array.FindIndex(solution, x => double.IsNaN(x) || x <= 0);
            if (negative < 0)
            {
                for (var a = 0; a < active.Count; a++) t[active[a]] = solution[a];
                break;
            }
            active.RemoveAt(negative);
        }
        return new LatencyFit(t);
    }

    /// <summary>The latencies of the <paramref name="active"/> levels minimising Σ_j ((m_j − Σ_i f_ji·t_i) / m_j)²: the solution of
    /// the weighted normal equations (AᵀWA)t = AᵀWm, with A the fractions of the active levels, m the measurements and
    /// W = diag(1/m_j²). NaN entries when the system is singular.</summary>
    internal static double[] SolveWeightedLeastSquares(IReadOnlyList<IReadOnlyList<double>> fractions, IReadOnlyList<double> measured, IReadOnlyList<int> active)
    {
        #region Exercise 4.5-1d: solve the weighted normal equations (AᵀWA)t = AᵀWm for the per-level latencies (tests: LatencyFitTests)
        var k = active.Count;
        var ata = new double[k, k];
        var atm = new double[k];
        for (var j = 0; j < measured.Count; j++)
        {
            var w = 1 / (measured[j] * measured[j]);
            for (var a = 0; a < k; a++)
            {
                atm[a] += w * fractions[j][active[a]] * measured[j];
                for (var b = 0; b < k; b++) ata[a, b] += w * fractions[j][active[a]] * fractions[j][active[b]];
            }
        }
        return Solve(ata, atm);
        #endregion
    }

    /// <summary>Gaussian elimination with partial pivoting; NaN entries if the system is singular.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col])) pivot = r;
            if (Math.Abs(m[pivot, col]) < 1e-12) return Enumerable.Repeat(double.NaN, n).ToArray();
            for (var c = 0; c < n; c++) (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var f = m[r, col] / m[col, col];
                for (var c = col; c < n; c++) m[r, c] -= f * m[col, c];
                x[r] -= f * x[col];
            }
        }
        for (var i = 0; i < n; i++) x[i] /= m[i, i];
        return x;
    }
}
