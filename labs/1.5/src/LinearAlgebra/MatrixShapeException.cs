namespace StatelessMind.Labs.MathFoundations.LinearAlgebra;

/// <summary>An operand does not have the shape an operation needs (which operand, what it had, what was expected).</summary>
public sealed class MatrixShapeException(string operand, string actual, string expected)
    : ArgumentException($"{operand} is {actual}, expected {expected}.", operand)
{
    public string Operand { get; } = operand;
    public string Actual { get; } = actual;
    public string Expected { get; } = expected;
}
