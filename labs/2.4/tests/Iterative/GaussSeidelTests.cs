using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Labs.NumericalMethods.Iterative;

namespace StatelessMind.Labs.NumericalMethods.Tests.Iterative;

public sealed class GaussSeidelTests
{
    [Fact]
    [Goal("2.4-3")]
    public void One_sweep_uses_each_new_value_at_once()
    {
        // 4x − y = 3, −x + 4y = 3 from x = (0, 0): x₀ = 3/4, then x₁ = (3 + 3/4)/4 with the new x₀ (Jacobi would use 0).
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 4, -1 }, { -1, 4 } });
        var x = Vector<double>.Build.Dense(2);
        GaussSeidel.Sweep(a, Vector<double>.Build.DenseOfArray([3, 3]), x);
        Assert.Equal(0.75, x[0], 15);
        Assert.Equal(3.75 / 4, x[1], 15);
    }

    [Fact]
    [Goal("2.4-3")]
    public void A_diagonally_dominant_system_converges_to_the_lu_solution()
    {
        var a = LinearSystems.RandomDominant(40, 3);
        var b = LinearSystems.OnesRightHandSide(a);
        var result = new GaussSeidel(tolerance: 1e-12).Solve(a, b);
        Assert.True((result.Solution - a.Solve(b)).InfinityNorm() < 1e-10);
        Assert.True(GaussSeidel.IsStrictlyDiagonallyDominant(a));
    }

    [Fact]
    [Goal("2.4-3")]
    public void The_spectral_radius_of_the_iteration_matrix_matches_theory_for_the_tridiagonal_system()
    {
        // Consistently ordered: ρ(G_GS) = ρ(G_J)² with ρ(G_J) = 2cos(π/(n + 1))/2.5.
        const int n = 30;
        var expected = Math.Pow(2 * Math.Cos(Math.PI / (n + 1)) / 2.5, 2);
        Assert.Equal(expected, GaussSeidel.SpectralRadius(LinearSystems.ShiftedPoisson(n)), 10);
    }

    [Fact]
    [Goal("2.4-3")]
    public void The_spectral_radius_of_a_two_by_two_system_is_its_closed_form()
    {
        // G = −(D + L)⁻¹U for [[1, 3], [2, 1]] is [[0, −3], [0, 6]]: ρ = 6.
        Assert.Equal(6, GaussSeidel.SpectralRadius(Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 3 }, { 2, 1 } })), 12);
    }

    [Fact]
    [Goal("2.4-3")]
    public void The_measured_rate_equals_the_spectral_radius_on_a_dense_system()
    {
        var a = LinearSystems.SpdNotDominant(40, 5);
        var result = new GaussSeidel(tolerance: 1e-12).Solve(a, LinearSystems.OnesRightHandSide(a));
        Assert.InRange(result.MeasuredRate(), GaussSeidel.SpectralRadius(a) - 0.02, GaussSeidel.SpectralRadius(a) + 0.02);
    }

    [Fact]
    [Goal("2.4-3")]
    public void A_system_with_spectral_radius_above_one_is_reported_as_divergent()
    {
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 3 }, { 2, 1 } });
        var error = Assert.Throws<DivergenceException>(() => new GaussSeidel().Solve(a, Vector<double>.Build.DenseOfArray([4, 3])));
        Assert.Contains("spectral radius", error.Message, StringComparison.Ordinal);
        Assert.True(error.Iteration < 20);
    }

    [Fact]
    [Goal("2.4-3")]
    public void A_zero_on_the_diagonal_is_a_typed_error_naming_the_row()
    {
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 1, 0 }, { 1, 0, 1 }, { 0, 1, 2 } });
        Assert.Equal(1, Assert.Throws<ZeroPivotException>(() => new GaussSeidel().Solve(a, Vector<double>.Build.Dense(3, 1))).Row);
    }

    [Fact]
    [Goal("2.4-3")]
    public void Too_few_sweeps_is_a_typed_non_convergence()
    {
        var a = LinearSystems.ShiftedPoisson(20);
        var error = Assert.Throws<NonConvergenceException>(() => new GaussSeidel(maxIterations: 5).Solve(a, LinearSystems.OnesRightHandSide(a)));
        Assert.Equal(5, error.Iterations);
    }

    [Fact]
    [Goal("2.4-3")]
    public void The_rate_check_catches_a_jacobi_sweep()
    {
        var a = LinearSystems.RandomDominant(40, 3);
        var jacobi = new GaussSeidel(tolerance: 1e-12, bug: IterationBug.JacobiSweep).Solve(a, LinearSystems.OnesRightHandSide(a));
        Assert.True(Math.Abs(jacobi.MeasuredRate() - GaussSeidel.SpectralRadius(a)) > 0.02);
    }
}
