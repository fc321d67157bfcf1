namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>How far one function's symbolic derivatives are from the independent references, at several points.</summary>
/// <param name="Case">The function.</param>
/// <param name="GradientError">Largest relative error of ∇f against central differences.</param>
/// <param name="KnownError">Largest relative error of ∂f/∂xᵢ against the textbook's formula.</param>
/// <param name="HessianError">Largest relative error of the Hessian against finite differences of finite differences.</param>
/// <param name="AsymmetryError">Largest |H[i,j] − H[j,i]| relative to |H|, with the mixed partials taken in both orders.</param>
/// <param name="RawSize">Nodes of the gradient as the rules produce it.</param>
/// <param name="SimplifiedSize">Nodes after simplification.</param>
public sealed record DerivativeAudit(DifferentiationCase Case, double GradientError, double KnownError, double HessianError, double AsymmetryError,
    int RawSize, int SimplifiedSize)
{
    /// <summary>Relative error with an absolute floor of 1, so values near zero are compared absolutely.</summary>
    public static double Relative(double actual, double expected) => Math.Abs(actual - expected) / Math.Max(1, Math.Abs(expected));

    /// <summary>Audits a case at <paramref name="points"/> random points drawn from [0.5, 2] in every variable.</summary>
    public static DerivativeAudit Of(DifferentiationCase c, int points, Random random, DerivativeBug bug = DerivativeBug.None)
    {
        var f = ExpressionParser.Parse(c.Function);
        var vars = c.Variables;
        var gradient = VectorCalculus.Gradient(f, vars, bug);
        var hessian = VectorCalculus.Hessian(f, vars, bug);
        var compiled = Evaluator.Compile(f, vars);
        var known = vars.Select(v => ExpressionParser.Parse(c.KnownPartials[v])).ToArray();
        double gradientError = 0, knownError = 0, hessianError = 0, asymmetry = 0;
        for (var p = 0; p < points; p++)
        {
            var x = vars.Select(_ => 0.5 + 1.5 * random.NextDouble()).ToArray();
            var at = vars.Select((v, i) => (v, x[i])).ToDictionary(t => t.v, t => t.Item2);
            var numeric = FiniteDifferences.Gradient(compiled, x);
            for (var i = 0; i < vars.Count; i++)
            {
                var symbolic = Evaluator.Evaluate(gradient[i], at);
                gradientError = Math.Max(gradientError, Relative(symbolic, numeric[i]));
                knownError = Math.Max(knownError, Relative(symbolic, Evaluator.Evaluate(known[i], at)));
            }
            var hNumeric = FiniteDifferences.Hessian(compiled, x);
            for (var i = 0; i < vars.Count; i++)
            for (var j = 0; j < vars.Count; j++)
            {
                var symbolic = Evaluator.Evaluate(hessian[i, j], at);
                hessianError = Math.Max(hessianError, Relative(symbolic, hNumeric[i, j]));
                // The other order of differentiation, taken independently of the Hessian's mirroring.
                var other = Evaluator.Evaluate(Differentiator.Derivative(gradient[j], vars[i], bug), at);
                asymmetry = Math.Max(asymmetry, Relative(symbolic, other));
            }
        }
        var rawSize = vars.Sum(v => Differentiator.Raw(f, v, bug).Size);
        return new DerivativeAudit(c, gradientError, knownError, hessianError, asymmetry, rawSize, gradient.Sum(g => g.Size));
    }
}
