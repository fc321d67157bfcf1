using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Labs.NumericalMethods.Convex;

namespace StatelessMind.Labs.NumericalMethods.Tests.Convex;

public sealed class PortfolioTests
{
    private static Portfolio Simple(params double[] caps) => new(
        Matrix<double>.Build.DenseIdentity(caps.Length), Vector<double>.Build.Dense(caps.Length), Vector<double>.Build.DenseOfArray(caps), 0);

    [Fact]
    [Goal("2.4-2")]
    public void Projection_keeps_a_feasible_point_and_satisfies_the_constraints()
    {
        var portfolio = Simple(0.5, 0.5, 0.5);
        var inside = Vector<double>.Build.DenseOfArray([0.2, 0.3, 0.5]);
        Assert.True((portfolio.Project(inside) - inside).InfinityNorm() < 1e-12);
        var projected = portfolio.Project(Vector<double>.Build.DenseOfArray([2, -1, 0.3]));
        Assert.Equal(1, projected.Sum(), 12);
        Assert.All(projected, w => Assert.InRange(w, 0, 0.5 + 1e-12));
        Assert.Equal(0.5, projected[0], 12); // capped
        Assert.Equal(0, projected[1], 12);
        Assert.Equal(0.5, projected[2], 12);
    }

    [Fact]
    [Goal("2.4-2")]
    public void Projection_onto_the_plain_simplex_shifts_every_coordinate_equally()
    {
        var projected = Simple(1, 1, 1).Project(Vector<double>.Build.DenseOfArray([0.5, 0.4, 0.4]));
        Assert.Equal(0.4, projected[0], 12);
        Assert.Equal(0.3, projected[1], 12);
        Assert.Equal(0.3, projected[2], 12);
    }

    [Fact]
    [Goal("2.4-2")]
    public void The_minimum_variance_portfolio_of_independent_assets_weights_by_inverse_variance()
    {
        // Σ = diag(1, 2, 4), no return term: w_i ∝ 1/σ_i² = (4, 2, 1)/7.
        var portfolio = new Portfolio(Matrix<double>.Build.DenseOfDiagonalArray([1, 2, 4]), Vector<double>.Build.Dense(3), Vector<double>.Build.Dense(3, 1), 0);
        var result = portfolio.Solve();
        Assert.Equal(4 / 7.0, result.Weights[0], 8);
        Assert.Equal(2 / 7.0, result.Weights[1], 8);
        Assert.True(result.KktResidual < 1e-8);
    }

    [Fact]
    [Goal("2.4-2")]
    public void A_generated_portfolio_meets_the_kkt_conditions_and_a_perturbed_one_does_not()
    {
        var portfolio = Portfolio.Generate(15, 0.2, 1, 9);
        var result = portfolio.Solve();
        Assert.True(result.KktResidual < 1e-8, $"KKT residual {result.KktResidual}");
        var shifted = portfolio.Project(result.Weights + Vector<double>.Build.Dense(15, i => i % 2 == 0 ? 0.01 : -0.01));
        Assert.True(portfolio.KktResidual(shifted) > 1e-4);
        Assert.True(portfolio.Objective(shifted) > portfolio.Objective(result.Weights));
    }

    [Fact]
    [Goal("2.4-2")]
    public void Caps_that_cannot_hold_a_whole_portfolio_are_infeasible()
    {
        var error = Assert.Throws<InfeasibleProblemException>(() => Simple(0.3, 0.3, 0.3).Solve());
        Assert.Contains("sum to 0.9", error.Message, StringComparison.Ordinal);
        Assert.Throws<InfeasibleProblemException>(() => Simple(1.2, -0.1).Project(Vector<double>.Build.Dense(2)));
    }
}
