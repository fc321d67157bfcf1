using System.Numerics;

namespace StatelessMind.Labs.DiscreteMath.Combinatorics;

/// <summary>The closed forms the enumerations are checked against, in exact integers.</summary>
public static class Counting
{
    public static BigInteger Factorial(int n)
    {
        if (n < 0) throw new CombinatoricsArgumentException("factorial", "n", n, "n ≥ 0");
        BigInteger r = BigInteger.One;
        for (var i = 2; i <= n; i++) r *= i;
        return r;
    }

    /// <summary>P(n, r) = n!/(n − r)!, 0 when r &gt; n.</summary>
    public static BigInteger Permutations(int n, int r) => r > n ? 0 : Factorial(n) / Factorial(n - r);

    /// <summary>C(n, r) = n!/(r!(n − r)!), 0 when r &gt; n.</summary>
    public static BigInteger Combinations(int n, int r) => r > n ? 0 : Factorial(n) / (Factorial(r) * Factorial(n - r));

    /// <summary>Multisets of size r from n kinds: C(n + r − 1, r) (stars and bars); 1 for r = 0.</summary>
    public static BigInteger Multisets(int n, int r) => r == 0 ? 1 : n == 0 ? 0 : Combinations(n + r - 1, r);

    public static BigInteger Product(int n, int repeat) => BigInteger.Pow(n, repeat);

    /// <summary>Derangements: !n = Σ_{k=0}^{n} (−1)^k n!/k! (inclusion–exclusion over the fixed points).</summary>
    public static BigInteger Derangements(int n)
    {
        BigInteger sum = 0;
        for (var k = 0; k <= n; k++) sum += (k % 2 == 0 ? 1 : -1) * (Factorial(n) / Factorial(k));
        return sum;
    }

    /// <summary>Surjections from an m-set onto an n-set: Σ_{k=0}^{n} (−1)^k C(n, k)(n − k)^m.</summary>
    public static BigInteger Surjections(int m, int n)
    {
        BigInteger sum = 0;
        for (var k = 0; k <= n; k++) sum += (k % 2 == 0 ? 1 : -1) * Combinations(n, k) * BigInteger.Pow(n - k, m);
        return sum;
    }

    /// <summary>Catalan: C(2n, n)/(n + 1), the balanced strings of n pairs of parentheses.</summary>
    public static BigInteger Catalan(int n) => Combinations(2 * n, n) / (n + 1);
}
