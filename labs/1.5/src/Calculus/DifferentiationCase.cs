namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>A function of the test suite with the partial derivatives the textbook gives for it (variable → text).</summary>
public sealed record DifferentiationCase(string Name, string Function, IReadOnlyList<string> Variables, IReadOnlyDictionary<string, string> KnownPartials)
{
    /// <summary>The suite: polynomials, products, quotients, compositions, a variable exponent, the Rosenbrock function.</summary>
    public static IReadOnlyList<DifferentiationCase> Suite { get; } =
    [
        new("cubic", "x^3", ["x"], new Dictionary<string, string> { ["x"] = "3*x^2" }),
        new("product of trig", "sin(x)*cos(y)", ["x", "y"], new Dictionary<string, string> { ["x"] = "cos(x)*cos(y)", ["y"] = "-sin(x)*sin(y)" }),
        new("exponential of a product", "exp(x*y)", ["x", "y"], new Dictionary<string, string> { ["x"] = "y*exp(x*y)", ["y"] = "x*exp(x*y)" }),
        new("log of a norm", "ln(x^2 + y^2)", ["x", "y"], new Dictionary<string, string> { ["x"] = "2*x/(x^2 + y^2)", ["y"] = "2*y/(x^2 + y^2)" }),
        new("euclidean norm", "sqrt(x^2 + y^2 + z^2)", ["x", "y", "z"],
            new Dictionary<string, string> { ["x"] = "x/sqrt(x^2 + y^2 + z^2)", ["y"] = "y/sqrt(x^2 + y^2 + z^2)", ["z"] = "z/sqrt(x^2 + y^2 + z^2)" }),
        new("Rosenbrock", "(1 - x)^2 + 100*(y - x^2)^2", ["x", "y"],
            new Dictionary<string, string> { ["x"] = "-2*(1 - x) - 400*x*(y - x^2)", ["y"] = "200*(y - x^2)" }),
        new("variable exponent", "x^y", ["x", "y"], new Dictionary<string, string> { ["x"] = "y*x^(y - 1)", ["y"] = "x^y*ln(x)" }),
        new("quotient and tangent", "tan(x/2)/(1 + y^2)", ["x", "y"],
            new Dictionary<string, string> { ["x"] = "1/(2*cos(x/2)^2*(1 + y^2))", ["y"] = "-2*y*tan(x/2)/(1 + y^2)^2" }),
        new("logistic", "1/(1 + exp(-(a*x + b)))", ["x", "a", "b"],
            new Dictionary<string, string>
            {
                ["x"] = "a*exp(-(a*x + b))/(1 + exp(-(a*x + b)))^2",
                ["a"] = "x*exp(-(a*x + b))/(1 + exp(-(a*x + b)))^2",
                ["b"] = "exp(-(a*x + b))/(1 + exp(-(a*x + b)))^2",
            }),
    ];
}
