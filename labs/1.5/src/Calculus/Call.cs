namespace StatelessMind.Labs.MathFoundations.Calculus;

public sealed record Call(MathFunction Function, Expr Argument) : Expr
{
    public override int Size => 1 + Argument.Size;
    internal override int Precedence => 5;
    public override string ToString() => $"{Function.ToString().ToLowerInvariant()}({Argument})";
}
