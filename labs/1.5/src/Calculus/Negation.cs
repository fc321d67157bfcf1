namespace StatelessMind.Labs.MathFoundations.Calculus;

public sealed record Negation(Expr Operand) : Expr
{
    public override int Size => 1 + Operand.Size;
    internal override int Precedence => 2;
    public override string ToString() => $"-{Wrap(Operand, strict: true)}";
}
