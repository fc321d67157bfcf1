namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>The two-sample Kolmogorov–Smirnov statistic: the largest vertical gap between two empirical CDFs.</summary>
public static class KolmogorovSmirnov
{
    /// <summary>D = sup over x of |F_a(x) − F_b(x)|, in O((n + m) log(n + m)) by sorting and walking both samples.
    /// Tied values are stepped over together, so that D is measured between the CDFs' steps, never inside one.</summary>
    public static double Statistic(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0) throw new ArgumentException("both samples need at least one value");
        #region Exercise 1.2-2d: the two-sample KS statistic by a merge walk over the sorted samples (tests: KolmogorovSmirnovTests)
        var x = a.ToArray();
        var y = b.ToArray();
        Array.Sort(x);
        Array.Sort(y);
        int i = 0, j = 0;
        var d = 0.0;
        while (i < x.Length && j < y.Length)
        {
            var v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v) i++;
            while (j < y.Length && y[j] <= v) j++;
            d = Math.Max(d, Math.Abs((double)i / x.Length - (double)j / y.Length));
        }
        return d;
        #endregion
    }
}
