namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>The elementary functions the engine knows, by their names in expressions.</summary>
public enum MathFunction
{
    Sin,
    Cos,
    Tan,
    Exp,
    Ln,
    Sqrt,
}
