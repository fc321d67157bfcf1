using StatelessMind.Labs.DiscreteMath.Recurrences;

namespace StatelessMind.Labs.DiscreteMath.Tests.Recurrences;

[Goal("4.4-3")]
public sealed class ExactLinearSolverTests
{
    [Fact]
    public void A_system_needing_a_row_swap_is_solved_exactly()
    {
        // 0x + 2y + z = 7, x + y + z = 6, 2x + y + 3z = 13 has x = 1, y = 2, z = 3.
        Rational[,] a = { { 0, 2, 1 }, { 1, 1, 1 }, { 2, 1, 3 } };
        Assert.Equal([1, 2, 3], ExactLinearSolver.Solve(a, [7, 6, 13]));
    }

    [Fact]
    public void A_hilbert_system_is_solved_without_rounding()
    {
        // The 8×8 Hilbert matrix is ill-conditioned (≈1e10): floating point loses digits, rationals do not.
        const int n = 8;
        var h = new Rational[n, n];
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
            h[i, j] = Rational.Create(1, i + j + 1);
        var x = Enumerable.Range(1, n).Select(v => (Rational)v).ToArray();
        var b = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Aggregate(Rational.Zero, (s, j) => s + h[i, j] * x[j])).ToArray();
        Assert.Equal(x, ExactLinearSolver.Solve(h, b));
    }

    [Fact]
    public void A_singular_system_names_its_column()
    {
        Rational[,] a = { { 1, 2 }, { 2, 4 } };
        Assert.Equal(1, Assert.Throws<SingularSystemException>(() => ExactLinearSolver.Solve(a, [1, 2])).Column);
    }
}
