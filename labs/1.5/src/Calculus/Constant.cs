namespace StatelessMind.Labs.MathFoundations.Calculus;

public sealed record Constant(double Value) : Expr
{
    public override int Size => 1;
    internal override int Precedence => Value < 0 ? 2 : 5;
    public override string ToString() => Format(Value);
}
