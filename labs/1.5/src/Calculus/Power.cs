namespace StatelessMind.Labs.MathFoundations.Calculus;

public sealed record Power(Expr Base, Expr Exponent) : Expr
{
    public override int Size => 1 + Base.Size + Exponent.Size;
    internal override int Precedence => 4;
    public override string ToString() => $"{Wrap(Base, strict: true)}^{Wrap(Exponent)}";
}
