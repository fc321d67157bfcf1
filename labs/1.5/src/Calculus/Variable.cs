namespace StatelessMind.Labs.MathFoundations.Calculus;

public sealed record Variable(string Name) : Expr
{
    public override int Size => 1;
    internal override int Precedence => 5;
    public override string ToString() => Name;
}
