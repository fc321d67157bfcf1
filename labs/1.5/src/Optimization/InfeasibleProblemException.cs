namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>No point satisfies the constraints: the penalty method's violation stopped shrinking, or the KKT system is singular.</summary>
public sealed class InfeasibleProblemException(string problem, string detail)
    : InvalidOperationException($"{problem} is infeasible: {detail}")
{
    public string Problem { get; } = problem;
}
