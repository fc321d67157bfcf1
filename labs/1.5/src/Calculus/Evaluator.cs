using System.Linq.Expressions;
using LinqExpression = System.Linq.Expressions.Expression;

namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>Numbers from trees: a direct interpreter (the reference) and a compiler to a delegate (for the optimisers' inner loops).</summary>
public static class Evaluator
{
    public static double Evaluate(Expr expr, IReadOnlyDictionary<string, double> values) => expr switch
    {
        Constant c => c.Value,
        Variable v => values.TryGetValue(v.Name, out var x) ? x : throw new UnboundVariableException(v.Name, values.Keys),
        Sum s => Evaluate(s.Left, values) + Evaluate(s.Right, values),
        Product p => Evaluate(p.Left, values) * Evaluate(p.Right, values),
        Quotient q => Evaluate(q.Numerator, values) / Evaluate(q.Denominator, values),
        Power p => Math.Pow(Evaluate(p.Base, values), Evaluate(p.Exponent, values)),
        Negation n => -Evaluate(n.Operand, values),
        Call c => Apply(c.Function, Evaluate(c.Argument, values)),
        _ => throw new ArgumentException($"unknown node {expr.GetType().Name}", nameof(expr)),
    };

    public static double Apply(MathFunction function, double x) => function switch
    {
        MathFunction.Sin => Math.Sin(x),
        MathFunction.Cos => Math.Cos(x),
        MathFunction.Tan => Math.Tan(x),
        MathFunction.Exp => Math.Exp(x),
        MathFunction.Ln => Math.Log(x),
        MathFunction.Sqrt => Math.Sqrt(x),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, null),
    };

    /// <summary>Compiles the tree to a delegate over a vector whose entries are <paramref name="variables"/> in order.</summary>
    public static Func<double[], double> Compile(Expr expr, IReadOnlyList<string> variables)
    {
        var vector = LinqExpression.Parameter(typeof(double[]), "x");
        var names = variables.ToArray();
        LinqExpression Build(Expr e) => e switch
        {
            Constant c => LinqExpression.Constant(c.Value),
            Variable v => Array.IndexOf(names, v.Name) is var i and >= 0
                ? LinqExpression.ArrayIndex(vector, LinqExpression.Constant(i))
                : throw new UnboundVariableException(v.Name, variables),
            Sum s => LinqExpression.Add(Build(s.Left), Build(s.Right)),
            Product p => LinqExpression.Multiply(Build(p.Left), Build(p.Right)),
            Quotient q => LinqExpression.Divide(Build(q.Numerator), Build(q.Denominator)),
            Power p => LinqExpression.Call(typeof(Math).GetMethod(nameof(Math.Pow))!, Build(p.Base), Build(p.Exponent)),
            Negation n => LinqExpression.Negate(Build(n.Operand)),
            Call c => LinqExpression.Call(typeof(Evaluator).GetMethod(nameof(Apply))!, LinqExpression.Constant(c.Function), Build(c.Argument)),
            _ => throw new ArgumentException($"unknown node {e.GetType().Name}", nameof(expr)),
        };
        return LinqExpression.Lambda<Func<double[], double>>(Build(expr), vector).Compile();
    }

    /// <summary>The variables an expression uses, in order of first appearance.</summary>
    public static IReadOnlyList<string> VariablesOf(Expr expr)
    {
        var names = new List<string>();
        void Walk(Expr e)
        {
            switch (e)
            {
                case Variable v when !names.Contains(v.Name): names.Add(v.Name); break;
                case Sum s: Walk(s.Left); Walk(s.Right); break;
                case Product p: Walk(p.Left); Walk(p.Right); break;
                case Quotient q: Walk(q.Numerator); Walk(q.Denominator); break;
                case Power p: Walk(p.Base); Walk(p.Exponent); break;
                case Negation n: Walk(n.Operand); break;
                case Call c: Walk(c.Argument); break;
            }
        }
        Walk(expr);
        return names;
    }
}
