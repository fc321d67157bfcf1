namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>Gradient, Jacobian and Hessian as arrays of symbolic partial derivatives.</summary>
public static class VectorCalculus
{
    /// <summary>∇f = (∂f/∂x₁, …, ∂f/∂xₙ).</summary>
    public static Expr[] Gradient(Expr f, IReadOnlyList<string> variables, DerivativeBug bug = DerivativeBug.None) =>
        variables.Select(v => Differentiator.Derivative(f, v, bug)).ToArray();

    /// <summary>J[i, j] = ∂fᵢ/∂xⱼ for a vector function f: ℝⁿ → ℝᵐ.</summary>
    public static Expr[,] Jacobian(IReadOnlyList<Expr> functions, IReadOnlyList<string> variables, DerivativeBug bug = DerivativeBug.None)
    {
        var j = new Expr[functions.Count, variables.Count];
        for (var i = 0; i < functions.Count; i++)
        for (var k = 0; k < variables.Count; k++)
            j[i, k] = Differentiator.Derivative(functions[i], variables[k], bug);
        return j;
    }

    /// <summary>H[i, j] = ∂²f/∂xᵢ∂xⱼ: the Jacobian of the gradient.</summary>
    public static Expr[,] Hessian(Expr f, IReadOnlyList<string> variables, DerivativeBug bug = DerivativeBug.None)
    {
        #region Exercise 1.5-2d: the Hessian as the Jacobian of the gradient - differentiate each partial derivative again, the upper triangle only, and mirror it (tests: VectorCalculusTests)
        var gradient = Gradient(f, variables, bug);
        var n = variables.Count;
        var h = new Expr[n, n];
        for (var i = 0; i < n; i++)
        for (var j = i; j < n; j++)
        {
            // Schwarz: for twice continuously differentiable f, ∂²f/∂xᵢ∂xⱼ = ∂²f/∂xⱼ∂xᵢ, so half the work suffices.
            h[i, j] = Differentiator.Derivative(gradient[i], variables[j], bug);
            h[j, i] = h[i, j];
        }
        return h;
        #endregion
    }

    /// <summary>Evaluates a matrix of expressions at a point.</summary>
    public static double[,] Evaluate(Expr[,] m, IReadOnlyDictionary<string, double> at)
    {
        var r = new double[m.GetLength(0), m.GetLength(1)];
        for (var i = 0; i < m.GetLength(0); i++)
        for (var j = 0; j < m.GetLength(1); j++)
            r[i, j] = Evaluator.Evaluate(m[i, j], at);
        return r;
    }
}
