using StatelessMind.Labs.MathFoundations.Calculus;

namespace StatelessMind.Labs.MathFoundations.Tests.Calculus;

[Goal("1.5-2")]
public sealed class SimplifierTests
{
    [Theory]
    [InlineData("2 + 3", "5")]
    [InlineData("x + 0", "x")]
    [InlineData("0 + x", "x")]
    [InlineData("x*1", "x")]
    [InlineData("0*sin(x)", "0")]
    [InlineData("x^1", "x")]
    [InlineData("x^0", "1")]
    [InlineData("--x", "x")]
    [InlineData("x - x", "0")]
    [InlineData("x*x", "x^2")]
    [InlineData("x^2*x^3", "x^5")]
    [InlineData("x*3", "3*x")]
    [InlineData("2*(3*x)", "6*x")]
    [InlineData("x/1", "x")]
    [InlineData("cos(0)", "1")]
    [InlineData("(x^2)^3", "x^6")]
    public void Rules_rewrite_to_the_smaller_equal_form(string text, string expected) =>
        Assert.Equal(ExpressionParser.Parse(expected), Simplifier.Simplify(ExpressionParser.Parse(text)));

    [Fact]
    public void Simplifying_never_changes_the_value()
    {
        var raw = Differentiator.Raw(ExpressionParser.Parse("(1 - x)^2 + 100*(y - x^2)^2"), "x");
        var simplified = Simplifier.Simplify(raw);
        var at = new Dictionary<string, double> { ["x"] = 1.7, ["y"] = -0.4 };
        Assert.Equal(Evaluator.Evaluate(raw, at), Evaluator.Evaluate(simplified, at), 10);
        Assert.True(simplified.Size < raw.Size, $"{simplified} ({simplified.Size} nodes) is not smaller than the raw {raw.Size}");
    }

    [Fact]
    public void One_step_folds_numbers_bottom_up()
    {
        Assert.Equal(new Constant(7), Simplifier.Step(ExpressionParser.Parse("(1 + 2) * 2 + 1")));
    }
}
