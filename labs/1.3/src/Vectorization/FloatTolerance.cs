namespace StatelessMind.Labs.Programming.Vectorization;

/// <summary>
/// How far two float results may differ by rounding alone. A sum of n terms computed in any order is within
/// γₙ·Σ|tᵢ| of the exact sum (γₙ = n·u / (1 − n·u), u = 2⁻²⁴, Higham's bound), so two orders differ by at most twice that.
/// Element-wise results are compared in units in the last place.
/// </summary>
public static class FloatTolerance
{
    public const double UnitRoundoff = 1.0 / (1 << 24);

    /// <summary>The largest difference rounding can cause between two summation orders of n terms with Σ|tᵢ| = <paramref name="absoluteSum"/>.</summary>
    public static double SummationBound(int n, double absoluteSum)
    {
        var nu = (n + 1) * UnitRoundoff;
        return 2 * nu / (1 - nu) * absoluteSum;
    }

    /// <summary>Distance in units in the last place between two finite floats of the same sign (0 when equal).</summary>
    public static long UlpDistance(float a, float b)
    {
        if (a == b) return 0;
        var ia = BitConverter.SingleToInt32Bits(a);
        var ib = BitConverter.SingleToInt32Bits(b);
        // Map the sign-magnitude bit patterns to a monotonic integer line.
        long la = ia < 0 ? int.MinValue - (long)ia : ia;
        long lb = ib < 0 ? int.MinValue - (long)ib : ib;
        return Math.Abs(la - lb);
    }
}
