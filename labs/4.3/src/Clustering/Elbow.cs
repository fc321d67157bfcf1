namespace StatelessMind.Labs.MassiveData.Clustering;

/// <summary>The elbow of an inertia curve: the k whose point lies farthest below the straight line joining the first
/// and last points of the curve (both axes scaled to [0, 1]) — where adding clusters stops paying.</summary>
public static class Elbow
{
    public static int Find(IReadOnlyList<(int K, double Inertia)> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Count < 3) throw new ArgumentException("An elbow needs at least three points.", nameof(curve));
        #region Exercise 4.3-2b: scale both axes to [0, 1] and take the point farthest below the chord from first to last (tests: ElbowTests)
        var (k0, k1) = (curve[0].K, curve[^1].K);
        var (i0, i1) = (curve.Max(c => c.Inertia), curve.Min(c => c.Inertia));
        var best = curve[0].K;
        var bestGap = double.NegativeInfinity;
        foreach (var (k, inertia) in curve)
        {
            var x = (double)(k - k0) / (k1 - k0);
            var y = i0 > i1 ? (inertia - i1) / (i0 - i1) : 0;
            var gap = (1 - x) - y; // the chord from (0, 1) to (1, 0) is y = 1 − x
            if (gap > bestGap)
            {
                bestGap = gap;
                best = k;
            }
        }
        return best;
        #endregion
    }
}
