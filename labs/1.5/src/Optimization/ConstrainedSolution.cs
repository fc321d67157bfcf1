namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>The penalty method's answer: the point, the multipliers it implies (λᵢ ≈ μ·hᵢ, νⱼ ≈ μ·max(0, gⱼ)), the largest
/// constraint violation left, the norm of the Lagrangian's gradient there, and the violation after each value of μ.</summary>
public sealed record ConstrainedSolution(double[] Point, double Value, double[] EqualityMultipliers, double[] InequalityMultipliers,
    double MaxViolation, double LagrangianGradientNorm, IReadOnlyList<(double Mu, double Violation)> Path);
