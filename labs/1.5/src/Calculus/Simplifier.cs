namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>
/// Rewrites a tree into a smaller equal one until nothing changes: numbers are folded, the identities of 0 and 1
/// applied (x + 0, x·1, x·0, x^1, x^0, −−x), a number is moved to the front of a product and merged with another,
/// and equal bases are collected into powers (x·x = x², x^a·x^b = x^(a+b)). It is not a full canonical form: two
/// equal expressions may still print differently, which is why the checks compare values, not only trees.
/// </summary>
public static class Simplifier
{
    public static Expr Simplify(Expr e)
    {
        for (var round = 0; round < 64; round++)
        {
            var next = Step(e);
            if (next == e) return e;
            e = next;
        }
        return e;
    }

    /// <summary>One bottom-up pass of the rewrite rules.</summary>
    internal static Expr Step(Expr e)
    {
        #region Exercise 1.5-2c: one bottom-up pass of the rewrite rules - fold numbers, apply the identities of 0 and 1, collect equal bases into powers (tests: SimplifierTests)
        switch (e)
        {
            case Sum s:
            {
                var (a, b) = (Step(s.Left), Step(s.Right));
                if (a is Constant x && b is Constant y) return new Constant(x.Value + y.Value);
                if (a is Constant { Value: 0 }) return b;
                if (b is Constant { Value: 0 }) return a;
                if (b is Negation n && n.Operand == a) return new Constant(0);
                if (b is Constant { Value: < 0 } negative && a is not Constant) return new Sum(a, new Negation(new Constant(-negative.Value)));
                return new Sum(a, b);
            }
            case Negation n:
            {
                var a = Step(n.Operand);
                return a switch
                {
                    Constant c => new Constant(-c.Value),
                    Negation inner => inner.Operand,
                    _ => new Negation(a),
                };
            }
            case Product p:
            {
                var (a, b) = (Step(p.Left), Step(p.Right));
                if (a is Constant x && b is Constant y) return new Constant(x.Value * y.Value);
                if (a is Constant { Value: 0 } || b is Constant { Value: 0 }) return new Constant(0);
                if (a is Constant { Value: 1 }) return b;
                if (b is Constant { Value: 1 }) return a;
                if (a is Constant { Value: -1 }) return new Negation(b);
                if (b is Constant) return new Product(b, a);
                if (a is Constant c1 && b is Product { Left: Constant c2 } inner) return new Product(new Constant(c1.Value * c2.Value), inner.Right);
                if (a is Negation na) return new Negation(new Product(na.Operand, b));
                if (b is Negation nb) return new Negation(new Product(a, nb.Operand));
                var (baseA, expA) = AsPower(a);
                var (baseB, expB) = AsPower(b);
                if (baseA == baseB && baseA is not Constant) return new Power(baseA, new Sum(expA, expB));
                return new Product(a, b);
            }
            case Quotient q:
            {
                var (a, b) = (Step(q.Numerator), Step(q.Denominator));
                if (a is Constant x && b is Constant y && y.Value != 0) return new Constant(x.Value / y.Value);
                if (a is Constant { Value: 0 }) return new Constant(0);
                if (b is Constant { Value: 1 }) return a;
                if (a == b) return new Constant(1);
                return new Quotient(a, b);
            }
            case Power p:
            {
                var (a, b) = (Step(p.Base), Step(p.Exponent));
                if (b is Constant { Value: 0 }) return new Constant(1);
                if (b is Constant { Value: 1 }) return a;
                if (a is Constant x && b is Constant y) return new Constant(Math.Pow(x.Value, y.Value));
                if (a is Power { Exponent: Constant inner } ap && b is Constant outer) return new Power(ap.Base, new Constant(inner.Value * outer.Value));
                return new Power(a, b);
            }
            case Call c:
            {
                var a = Step(c.Argument);
                if (a is Constant k && Evaluator.Apply(c.Function, k.Value) is var v && v == Math.Round(v)) return new Constant(v);
                return new Call(c.Function, a);
            }
            default:
                return e;
        }
        #endregion
    }

    private static (Expr Base, Expr Exponent) AsPower(Expr e) => e is Power p ? (p.Base, p.Exponent) : (e, new Constant(1));
}
