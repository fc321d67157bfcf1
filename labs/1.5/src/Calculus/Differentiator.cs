namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>
/// ∂e/∂v by the rules of calculus, applied to the tree node by node. The recursion lives here; each rule receives the
/// derivatives of the children through <c>d</c>, so a rule is one line of the textbook. The result is simplified.
/// </summary>
public static class Differentiator
{
    private const string Placeholder = "__inner";

    public static Expr Derivative(Expr e, string variable, DerivativeBug bug = DerivativeBug.None) =>
        Simplifier.Simplify(Raw(e, variable, bug));

    /// <summary>The derivative before simplification (the rules' literal output).</summary>
    public static Expr Raw(Expr e, string variable, DerivativeBug bug = DerivativeBug.None)
    {
        Expr D(Expr child) => Raw(child, variable, bug);
        return (bug, e) switch
        {
            (DerivativeBug.ProductRuleMissingTerm, Product p) => new Product(D(p.Left), p.Right),
            // f'(u) alone: the outer derivative taken at a placeholder with derivative 1, then u put in its place.
            (DerivativeBug.ChainRuleDropped, Call c) => Substitute(ChainRule(new Call(c.Function, new Variable(Placeholder)), _ => new Constant(1)), Placeholder, c.Argument),
            (_, Power or Call) => ChainRule(e, D),
            _ => LinearAndProductRules(e, variable, D),
        };
    }

    /// <summary>Constants, variables, sums, negation, products and quotients.</summary>
    internal static Expr LinearAndProductRules(Expr e, string variable, Func<Expr, Expr> d)
    {
        #region Exercise 1.5-2a: the derivative of a constant, a variable, a sum, a negation, a product and a quotient (tests: DifferentiatorTests.Linear*, DifferentiatorTests.Product*, DifferentiatorTests.Quotient*)
        return e switch
        {
            Constant => new Constant(0),
            Variable v => new Constant(v.Name == variable ? 1 : 0),
            Sum s => new Sum(d(s.Left), d(s.Right)),
            Negation n => new Negation(d(n.Operand)),
            Product p => new Sum(new Product(d(p.Left), p.Right), new Product(p.Left, d(p.Right))),
            Quotient q => new Quotient(
                new Sum(new Product(d(q.Numerator), q.Denominator), new Negation(new Product(q.Numerator, d(q.Denominator)))),
                new Power(q.Denominator, new Constant(2))),
            _ => throw new ArgumentException($"{e.GetType().Name} is not handled by the linear and product rules", nameof(e)),
        };
        #endregion
    }

    /// <summary>Powers and functions: the chain rule, f(u)' = f'(u)·u'.</summary>
    internal static Expr ChainRule(Expr e, Func<Expr, Expr> d)
    {
        #region Exercise 1.5-2b: the power rule (constant exponent, and the general u^v = exp(v ln u) case) and the chain rule for sin, cos, tan, exp, ln, sqrt (tests: DifferentiatorTests.Chain*, DifferentiatorTests.Power*)
        switch (e)
        {
            case Power { Exponent: Constant k } p:
                // (u^k)' = k·u^(k−1)·u'
                return new Product(new Product(new Constant(k.Value), new Power(p.Base, new Constant(k.Value - 1))), d(p.Base));
            case Power p:
                // u^v = exp(v·ln u), so (u^v)' = u^v·(v'·ln u + v·u'/u)
                return new Product(p, new Sum(new Product(d(p.Exponent), new Call(MathFunction.Ln, p.Base)),
                    new Quotient(new Product(p.Exponent, d(p.Base)), p.Base)));
            case Call c:
                var u = c.Argument;
                Expr outer = c.Function switch
                {
                    MathFunction.Sin => new Call(MathFunction.Cos, u),
                    MathFunction.Cos => new Negation(new Call(MathFunction.Sin, u)),
                    MathFunction.Tan => new Quotient(new Constant(1), new Power(new Call(MathFunction.Cos, u), new Constant(2))),
                    MathFunction.Exp => c,
                    MathFunction.Ln => new Quotient(new Constant(1), u),
                    MathFunction.Sqrt => new Quotient(new Constant(1), new Product(new Constant(2), c)),
                    _ => throw new ArgumentOutOfRangeException(nameof(e), c.Function, "no derivative rule"),
                };
                return new Product(outer, d(u));
            default:
                throw new ArgumentException($"{e.GetType().Name} is not a power or a function call", nameof(e));
        }
        #endregion
    }

    /// <summary>Replaces every occurrence of a variable by an expression.</summary>
    public static Expr Substitute(Expr e, string variable, Expr replacement) => e switch
    {
        Variable v when v.Name == variable => replacement,
        Sum s => new Sum(Substitute(s.Left, variable, replacement), Substitute(s.Right, variable, replacement)),
        Product p => new Product(Substitute(p.Left, variable, replacement), Substitute(p.Right, variable, replacement)),
        Quotient q => new Quotient(Substitute(q.Numerator, variable, replacement), Substitute(q.Denominator, variable, replacement)),
        Power p => new Power(Substitute(p.Base, variable, replacement), Substitute(p.Exponent, variable, replacement)),
        Negation n => new Negation(Substitute(n.Operand, variable, replacement)),
        Call c => new Call(c.Function, Substitute(c.Argument, variable, replacement)),
        _ => e,
    };
}
