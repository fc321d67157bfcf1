using StatelessMind.Labs.MathFoundations.Calculus;

namespace StatelessMind.Labs.MathFoundations.Tests.Calculus;

/// <summary>Each rule on its own: the rule is applied to one node, the children's derivatives come from the engine, and
/// the result is compared by value with the textbook's derivative (no simplification involved).</summary>
[Goal("1.5-2")]
public sealed class DifferentiatorTests
{
    private static readonly Dictionary<string, double> At = new() { ["x"] = 0.7, ["y"] = 1.3 };

    private static double Value(string text) => Evaluator.Evaluate(ExpressionParser.Parse(text), At);

    private static double Linear(string text, string variable = "x") =>
        Evaluator.Evaluate(Differentiator.LinearAndProductRules(ExpressionParser.Parse(text), variable, c => Differentiator.Raw(c, variable)), At);

    private static double Chain(string text, string variable = "x") =>
        Evaluator.Evaluate(Differentiator.ChainRule(ExpressionParser.Parse(text), c => Differentiator.Raw(c, variable)), At);

    [Fact]
    public void Linear_rules_constants_vanish_and_a_variable_has_derivative_one_or_zero()
    {
        Assert.Equal(0, Linear("5"));
        Assert.Equal(1, Linear("x"));
        Assert.Equal(0, Linear("y"));
    }

    [Fact]
    public void Linear_rules_a_sum_and_a_negation_differentiate_term_by_term()
    {
        Assert.Equal(1 + 0 - 1, Linear("x + y - x*1"), 12);
        Assert.Equal(-1, Linear("-x"), 12);
    }

    [Fact]
    public void Product_rule_gives_u_prime_v_plus_u_v_prime()
    {
        // d/dx (x·y) = y;  d/dx (x·x) = 2x
        Assert.Equal(Value("y"), Linear("x*y"), 12);
        Assert.Equal(Value("2*x"), Linear("x*x"), 12);
    }

    [Fact]
    public void Quotient_rule_gives_u_prime_v_minus_u_v_prime_over_v_squared()
    {
        // d/dx (x/y) = 1/y;  d/dy (x/y) = −x/y²
        Assert.Equal(Value("1/y"), Linear("x/y"), 12);
        Assert.Equal(Value("-x/y^2"), Linear("x/y", "y"), 12);
    }

    [Theory]
    [InlineData("sin(x)", "cos(x)")]
    [InlineData("cos(x)", "-sin(x)")]
    [InlineData("tan(x)", "1/cos(x)^2")]
    [InlineData("exp(x)", "exp(x)")]
    [InlineData("ln(x)", "1/x")]
    [InlineData("sqrt(x)", "1/(2*sqrt(x))")]
    public void Chain_rule_knows_the_elementary_derivatives(string f, string derivative) =>
        Assert.Equal(Value(derivative), Chain(f), 12);

    [Fact]
    public void Chain_rule_multiplies_by_the_inner_derivative()
    {
        // d/dx sin(x·y) = y·cos(x·y)
        Assert.Equal(Value("y*cos(x*y)"), Chain("sin(x*y)"), 12);
    }

    [Fact]
    public void Power_rule_with_a_constant_and_with_a_variable_exponent()
    {
        Assert.Equal(Value("3*x^2"), Chain("x^3"), 12);
        Assert.Equal(Value("x^y*ln(x)"), Chain("x^y", "y"), 12);
        Assert.Equal(Value("y*x^(y-1)"), Chain("x^y"), 12);
    }

    [Fact]
    public void The_simplified_derivative_of_a_cubic_is_three_x_squared()
    {
        Assert.Equal(ExpressionParser.Parse("3*x^2"), Differentiator.Derivative(ExpressionParser.Parse("x^3"), "x"));
        Assert.Equal("cos(x)", Differentiator.Derivative(ExpressionParser.Parse("sin(x)"), "x").ToString());
        Assert.Equal("y", Differentiator.Derivative(ExpressionParser.Parse("x*y"), "x").ToString());
    }

    [Theory]
    [InlineData(DerivativeBug.ProductRuleMissingTerm, "x*x")]
    [InlineData(DerivativeBug.ChainRuleDropped, "sin(2*x)")]
    public void Planted_bug_a_broken_rule_disagrees_with_central_differences(DerivativeBug bug, string text)
    {
        var f = ExpressionParser.Parse(text);
        var symbolic = Evaluator.Evaluate(Differentiator.Derivative(f, "x", bug), At);
        var numeric = FiniteDifferences.Central(Evaluator.Compile(f, ["x"]), [At["x"]], 0, 1e-5);
        Assert.True(DerivativeAudit.Relative(symbolic, numeric) > SymbolicGradientExperiment.GradientTolerance,
            $"{bug}: {symbolic} vs {numeric} - the finite-difference check would not see the bug");
    }
}
