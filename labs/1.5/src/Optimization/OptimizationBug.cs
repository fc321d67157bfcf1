namespace StatelessMind.Labs.MathFoundations.Optimization;

/// <summary>Deliberate mistakes (tests only): the zero-gradient and Hessian checks must catch each.</summary>
public enum OptimizationBug
{
    None,

    /// <summary>BFGS stops as soon as an iteration improves f by less than 1e-4, wherever the gradient is: on a long
    /// curved valley like Rosenbrock's it stops short of the minimum.</summary>
    StopsOnSmallImprovement,

    /// <summary>A critical point is classified by the sign of the Hessian's trace instead of every eigenvalue: a saddle
    /// with a dominant positive curvature passes for a minimum.</summary>
    ClassifiesByTrace,
}
