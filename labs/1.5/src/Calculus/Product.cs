namespace StatelessMind.Labs.MathFoundations.Calculus;

public sealed record Product(Expr Left, Expr Right) : Expr
{
    public override int Size => 1 + Left.Size + Right.Size;
    internal override int Precedence => 3;
    public override string ToString() => $"{Wrap(Left)}*{Wrap(Right, strict: true)}";
}
