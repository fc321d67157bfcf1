using StatelessMind.Labs.MathFoundations.Calculus;

namespace StatelessMind.Labs.MathFoundations.Tests.Calculus;

[Goal("1.5-2")]
public sealed class VectorCalculusTests
{
    [Fact]
    public void The_hessian_of_a_quadratic_form_is_its_constant_matrix()
    {
        // f = 3x² + 2xy + 5y²  →  H = [6 2; 2 10]
        var h = VectorCalculus.Hessian(ExpressionParser.Parse("3*x^2 + 2*x*y + 5*y^2"), ["x", "y"]);
        var value = VectorCalculus.Evaluate(h, new Dictionary<string, double> { ["x"] = 0.3, ["y"] = -2 });
        Assert.Equal(6, value[0, 0], 12);
        Assert.Equal(2, value[0, 1], 12);
        Assert.Equal(2, value[1, 0], 12);
        Assert.Equal(10, value[1, 1], 12);
    }

    [Fact]
    public void The_hessian_of_rosenbrock_matches_the_textbook_and_finite_differences()
    {
        // H = [2 − 400(y − x²) + 800x², −400x; −400x, 200]
        const double x = 0.8, y = 1.1;
        var f = ExpressionParser.Parse("(1 - x)^2 + 100*(y - x^2)^2");
        var h = VectorCalculus.Evaluate(VectorCalculus.Hessian(f, ["x", "y"]), new Dictionary<string, double> { ["x"] = x, ["y"] = y });
        Assert.Equal(2 - 400 * (y - x * x) + 800 * x * x, h[0, 0], 9);
        Assert.Equal(-400 * x, h[0, 1], 9);
        Assert.Equal(-400 * x, h[1, 0], 9);
        Assert.Equal(200, h[1, 1], 9);
        var numeric = FiniteDifferences.Hessian(Evaluator.Compile(f, ["x", "y"]), [x, y]);
        for (var i = 0; i < 2; i++)
        for (var j = 0; j < 2; j++)
            Assert.True(DerivativeAudit.Relative(h[i, j], numeric[i, j]) < SymbolicGradientExperiment.HessianTolerance);
    }

    [Fact]
    public void The_jacobian_of_the_polar_map_has_determinant_r()
    {
        Assert.True(SymbolicGradientExperiment.PolarJacobianError(new Random(1), 10, DerivativeBug.None) < 1e-12);
    }
}
