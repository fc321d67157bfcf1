namespace StatelessMind.Labs.MathFoundations.Calculus;

public sealed record Sum(Expr Left, Expr Right) : Expr
{
    public override int Size => 1 + Left.Size + Right.Size;
    internal override int Precedence => 1;
    public override string ToString() => Right is Negation n ? $"{Left} - {Wrap(n.Operand, strict: true)}" : $"{Left} + {Right}";
}
