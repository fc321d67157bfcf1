using MathNet.Numerics;

namespace StatelessMind.Labs.NumericalMethods.Hypothesis;

/// <summary>
/// Reference p-values computed a second, independent way, to hold <see cref="HypothesisTests"/> against: tail areas
/// integrated numerically from the densities' formulas (adaptive Simpson on [x, ∞) mapped to [0, 1)), and the
/// Mann–Whitney p-value by enumerating every split of the pooled ranks. Slow and simple on purpose.
/// </summary>
public static class ReferenceTails
{
    /// <summary>2·P(T ≥ |t|) for Student's t with ν degrees of freedom (ν may be fractional):
    /// f(s) = Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + s²/ν)^(−(ν+1)/2).</summary>
    public static double StudentTTwoSided(double t, double nu)
    {
        var logNorm = SpecialFunctions.GammaLn((nu + 1) / 2) - SpecialFunctions.GammaLn(nu / 2) - 0.5 * Math.Log(nu * Math.PI);
        return Math.Min(1, 2 * UpperTail(s => Math.Exp(logNorm - (nu + 1) / 2 * Math.Log(1 + s * s / nu)), Math.Abs(t)));
    }

    /// <summary>P(X ≥ x) for chi-square with k degrees of freedom: f(s) = s^(k/2 − 1) e^(−s/2) / (2^(k/2) Γ(k/2)).</summary>
    public static double ChiSquareUpper(double x, double k)
    {
        var logNorm = -(k / 2) * Math.Log(2) - SpecialFunctions.GammaLn(k / 2);
        return UpperTail(s => s <= 0 ? 0 : Math.Exp(logNorm + (k / 2 - 1) * Math.Log(s) - s / 2), Math.Max(x, 0));
    }

    /// <summary>The two-sided exact Mann–Whitney p-value by brute force: every way of choosing which n₁ of the N
    /// pooled (distinct) values belong to the first sample, counted by its U.</summary>
    public static double MannWhitneyByEnumeration(double[] first, double[] second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var pooled = first.Concat(second).Order().ToArray();
        if (pooled.Distinct().Count() != pooled.Length) throw new ArgumentException("enumeration here assumes no ties");
        int n1 = first.Length, n = pooled.Length;
        var observed = first.Sum(x => second.Count(y => x > y));
        long atMost = 0, atLeast = 0, total = 0;
        var chosen = new int[n1];
        void Visit(int depth, int from)
        {
            if (depth == n1)
            {
                // ranks are 1-based positions; U = Σ ranks − n₁(n₁ + 1)/2
                var u = chosen.Sum(i => i + 1) - n1 * (n1 + 1) / 2;
                total++;
                if (u <= observed) atMost++;
                if (u >= observed) atLeast++;
                return;
            }
            for (var i = from; i <= n - (n1 - depth); i++)
            {
                chosen[depth] = i;
                Visit(depth + 1, i + 1);
            }
        }
        Visit(0, 0);
        return Math.Min(1, 2.0 * Math.Min(atMost, atLeast) / total);
    }

    /// <summary>∫ₓ^∞ f(s) ds with s = x + u/(1 − u), u ∈ [0, 1).</summary>
    private static double UpperTail(Func<double, double> density, double x)
    {
        double G(double u) => u >= 1 ? 0 : density(x + u / (1 - u)) / ((1 - u) * (1 - u));
        return AdaptiveSimpson(G, 0, 1, 1e-13, 50);
    }

    private static double AdaptiveSimpson(Func<double, double> f, double a, double b, double tolerance, int depth)
    {
        double fa = f(a), fb = f(b), m = (a + b) / 2, fm = f(m);
        return Refine(f, a, b, fa, fm, fb, Simpson(a, b, fa, fm, fb), tolerance, depth);
    }

    private static double Refine(Func<double, double> f, double a, double b, double fa, double fm, double fb, double whole, double tolerance, int depth)
    {
        var m = (a + b) / 2;
        double lm = (a + m) / 2, rm = (m + b) / 2;
        double flm = f(lm), frm = f(rm);
        var left = Simpson(a, m, fa, flm, fm);
        var right = Simpson(m, b, fm, frm, fb);
        if (depth <= 0 || Math.Abs(left + right - whole) <= 15 * tolerance)
            return left + right + (left + right - whole) / 15;
        return Refine(f, a, m, fa, flm, fm, left, tolerance / 2, depth - 1) + Refine(f, m, b, fm, frm, fb, right, tolerance / 2, depth - 1);
    }

    private static double Simpson(double a, double b, double fa, double fm, double fb) => (b - a) / 6 * (fa + 4 * fm + fb);
}
