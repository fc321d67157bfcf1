namespace StatelessMind.Labs.MathFoundations.Calculus;

public sealed record Quotient(Expr Numerator, Expr Denominator) : Expr
{
    public override int Size => 1 + Numerator.Size + Denominator.Size;
    internal override int Precedence => 3;
    public override string ToString() => $"{Wrap(Numerator)}/{Wrap(Denominator, strict: true)}";
}
