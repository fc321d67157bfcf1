namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>What the second-derivative test says about a point where ∇f = 0.</summary>
public enum CriticalPointKind
{
    /// <summary>Every eigenvalue of the Hessian positive: a strict local minimum.</summary>
    Minimum,

    /// <summary>Every eigenvalue negative: a strict local maximum.</summary>
    Maximum,

    /// <summary>Eigenvalues of both signs: up along some directions, down along others.</summary>
    Saddle,

    /// <summary>An eigenvalue is zero (within tolerance) and the others share a sign: the test cannot decide.</summary>
    Degenerate,
}
