using System.Globalization;

namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>
/// An expression tree: numbers, variables, +, ×, ÷, powers, negation and the elementary functions. Nodes are records,
/// so two trees are equal when they have the same shape and numbers — which is what simplification aims for.
/// </summary>
public abstract record Expr
{
    public static Expr Num(double value) => new Constant(value);
    public static Expr Var(string name) => new Variable(name);

    public static Expr operator +(Expr a, Expr b) => new Sum(a, b);
    public static Expr operator -(Expr a, Expr b) => new Sum(a, new Negation(b));
    public static Expr operator *(Expr a, Expr b) => new Product(a, b);
    public static Expr operator /(Expr a, Expr b) => new Quotient(a, b);
    public static Expr operator -(Expr a) => new Negation(a);

    /// <summary>The number of nodes: a measure of how much simplification saved.</summary>
    public abstract int Size { get; }

    /// <summary>Binding strength when printed: higher binds tighter.</summary>
    internal abstract int Precedence { get; }

    internal string Wrap(Expr child, bool strict = false) =>
        child.Precedence < Precedence || strict && child.Precedence == Precedence ? $"({child})" : child.ToString();

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
