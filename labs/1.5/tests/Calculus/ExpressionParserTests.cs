using StatelessMind.Labs.MathFoundations.Calculus;

namespace StatelessMind.Labs.MathFoundations.Tests.Calculus;

[Goal("1.5-2")]
public sealed class ExpressionParserTests
{
    [Theory]
    [InlineData("-x^2", "-x^2", -4.0)]
    [InlineData("2^3^2", "2^3^2", 512.0)]
    [InlineData("1 - 2 - 3", "1 - 2 - 3", -4.0)]
    [InlineData("8/4/2", "8/4/2", 1.0)]
    [InlineData("x^-1", "x^(-1)", 0.5)]
    [InlineData("sqrt(x*8)", "sqrt(x*8)", 4.0)]
    [InlineData("1.5e1 + x", "15 + x", 17.0)]
    public void Precedence_and_associativity_follow_the_usual_rules(string text, string printed, double valueAtTwo)
    {
        var e = ExpressionParser.Parse(text);
        Assert.Equal(printed, e.ToString());
        Assert.Equal(valueAtTwo, Evaluator.Evaluate(e, new Dictionary<string, double> { ["x"] = 2 }), 12);
        Assert.Equal(e, ExpressionParser.Parse(e.ToString()));
    }

    [Theory]
    [InlineData("x +", 3, "a number, a name or '('")]
    [InlineData("(x + 1", 6, "')'")]
    [InlineData("x $ 2", 2, "an operator or the end of the expression")]
    [InlineData("foo(x)", 0, "one of the functions")]
    public void Bad_text_is_a_typed_error_with_the_offset_and_what_was_expected(string text, int offset, string expected)
    {
        var error = Assert.Throws<ExpressionParseException>(() => ExpressionParser.Parse(text));
        Assert.Equal(offset, error.Offset);
        Assert.StartsWith(expected, error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluating_without_a_variable_names_it()
    {
        var error = Assert.Throws<UnboundVariableException>(() => Evaluator.Evaluate(ExpressionParser.Parse("x + y"), new Dictionary<string, double> { ["x"] = 1 }));
        Assert.Equal("y", error.Name);
    }

    [Fact]
    public void The_compiled_delegate_equals_the_interpreter()
    {
        var e = ExpressionParser.Parse("exp(-x)*sin(y)/(1 + x^2) - sqrt(y)");
        var compiled = Evaluator.Compile(e, ["x", "y"]);
        Assert.Equal(Evaluator.Evaluate(e, new Dictionary<string, double> { ["x"] = 0.3, ["y"] = 1.9 }), compiled([0.3, 1.9]), 14);
    }
}
