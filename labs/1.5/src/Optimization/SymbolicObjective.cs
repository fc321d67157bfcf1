using StatelessMind.Labs.MathFoundations.Calculus;

namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>A function given as text, with its gradient and Hessian from the lab's symbolic engine (1.5-2), compiled.</summary>
public sealed class SymbolicObjective
{
    public SymbolicObjective(string text, IReadOnlyList<string> variables)
    {
        Text = text;
        Variables = variables;
        Expression = ExpressionParser.Parse(text);
        Value = Evaluator.Compile(Expression, variables);
        var gradient = VectorCalculus.Gradient(Expression, variables).Select(g => Evaluator.Compile(g, variables)).ToArray();
        Gradient = x => gradient.Select(g => g(x)).ToArray();
        var hessian = VectorCalculus.Hessian(Expression, variables);
        var compiled = new Func<double[], double>[variables.Count, variables.Count];
        for (var i = 0; i < variables.Count; i++)
        for (var j = 0; j < variables.Count; j++)
            compiled[i, j] = Evaluator.Compile(hessian[i, j], variables);
        Hessian = x =>
        {
            var h = new double[variables.Count, variables.Count];
            for (var i = 0; i < variables.Count; i++)
            for (var j = 0; j < variables.Count; j++)
                h[i, j] = compiled[i, j](x);
            return h;
        };
    }

    public string Text { get; }
    public IReadOnlyList<string> Variables { get; }
    public Expr Expression { get; }
    public Func<double[], double> Value { get; }
    public Func<double[], double[]> Gradient { get; }
    public Func<double[], double[,]> Hessian { get; }

    /// <summary>−f: maxima of f are the minima of this.</summary>
    public SymbolicObjective Negated() => new($"-({Text})", Variables);
}
