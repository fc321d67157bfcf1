using StatelessMind.Labs.MathFoundations.LinearAlgebra;

namespace StatelessMind.Labs.MathFoundations.Tests.LinearAlgebra;

[Goal("1.5-1")]
public sealed class GaussianEliminationTests
{
    [Fact]
    public void The_determinant_of_a_hand_computed_3x3_is_18()
    {
        // cofactor expansion along the first row: 2(3·4 − 1·1) − 1(1·4 − 1·0) + 0 = 22 − 4 = 18
        Assert.Equal(18, GaussianElimination.Determinant(new double[,] { { 2, 1, 0 }, { 1, 3, 1 }, { 0, 1, 4 } }), 12);
    }

    [Fact]
    public void A_row_swap_flips_the_sign_of_the_determinant()
    {
        // [0 1; 1 0] needs a swap to find a pivot: det = −1
        var factors = GaussianElimination.Decompose(new double[,] { { 0, 1 }, { 1, 0 } });
        Assert.Equal(-1, factors.Sign);
        Assert.Equal(-1, GaussianElimination.Determinant(new double[,] { { 0, 1 }, { 1, 0 } }), 12);
    }

    [Fact]
    public void Solving_a_hand_computed_system_gives_5_3_minus_2()
    {
        // x + y + z = 6, 2y + 5z = −4, 2x + 5y − z = 27
        var x = GaussianElimination.Solve(new double[,] { { 1, 1, 1 }, { 0, 2, 5 }, { 2, 5, -1 } }, [6, -4, 27]);
        Assert.Equal(5, x[0], 12);
        Assert.Equal(3, x[1], 12);
        Assert.Equal(-2, x[2], 12);
    }

    [Fact]
    public void The_inverse_of_a_2x2_is_the_adjugate_over_the_determinant()
    {
        var inverse = GaussianElimination.Inverse(new double[,] { { 4, 7 }, { 2, 6 } });
        Assert.Equal(0.6, inverse[0, 0], 12);
        Assert.Equal(-0.7, inverse[0, 1], 12);
        Assert.Equal(-0.2, inverse[1, 0], 12);
        Assert.Equal(0.4, inverse[1, 1], 12);
    }

    [Fact]
    public void Partial_pivoting_picks_the_largest_candidate()
    {
        // Without pivoting, 1e-20 would be the pivot and 1 − 1e20 would swamp the second row.
        var x = GaussianElimination.Solve(new double[,] { { 1e-20, 1 }, { 1, 1 } }, [1, 2]);
        Assert.Equal(1, x[0], 12);
        Assert.Equal(1, x[1], 12);
    }

    [Fact]
    public void A_singular_matrix_is_a_typed_error_naming_the_column_without_a_pivot()
    {
        // the third row is the sum of the first two
        var error = Assert.Throws<SingularMatrixException>(() => GaussianElimination.Solve(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 5, 7, 9 } }, [1, 2, 3]));
        Assert.Equal(2, error.Column);
        Assert.Contains("column 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, GaussianElimination.Determinant(new double[,] { { 1, 2 }, { 2, 4 } }));
    }

    [Fact]
    public void A_non_square_matrix_is_a_shape_error()
    {
        var error = Assert.Throws<MatrixShapeException>(() => GaussianElimination.Decompose(new double[2, 3]));
        Assert.Contains("2×3", error.Message, StringComparison.Ordinal);
    }
}
