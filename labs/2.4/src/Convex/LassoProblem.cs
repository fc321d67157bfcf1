using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.NumericalMethods.Convex;

/// <summary>
/// The LASSO: minimise ½‖Ax − b‖² + λ‖x‖₁. Convex, not smooth; its solution is sparse. At λ ≥ λ_max = ‖Aᵀb‖∞ the
/// solution is x = 0. Generated instances follow a stated law: A has N(0, 1/m) entries, the true x has k nonzero
/// entries ±(1 + U(0, 1)) at random places, b = A·x_true + N(0, σ²).
/// </summary>
public sealed record LassoProblem(Matrix<double> A, Vector<double> B, double Lambda)
{
    public double Objective(Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var r = A * x - B;
        return 0.5 * r.DotProduct(r) + Lambda * x.L1Norm();
    }

    /// <summary>The smallest λ at which x = 0 is optimal.</summary>
    public static double LambdaMax(Matrix<double> a, Vector<double> b) => (a.TransposeThisAndMultiply(b)).InfinityNorm();

    public static (LassoProblem Problem, Vector<double> Truth) Generate(int rows, int columns, int nonzeros, double noise, double lambdaFraction, int seed)
    {
        var random = new Random(seed);
        double Gaussian() => Bayes.MetropolisHastings.StandardNormal(random);
        var a = Matrix<double>.Build.Dense(rows, columns, (_, _) => Gaussian() / Math.Sqrt(rows));
        var truth = Vector<double>.Build.Dense(columns);
        foreach (var j in Enumerable.Range(0, columns).OrderBy(_ => random.Next()).Take(nonzeros))
            truth[j] = (random.Next(2) == 0 ? -1 : 1) * (1 + random.NextDouble());
        var b = a * truth + Vector<double>.Build.Dense(rows, _ => noise * Gaussian());
        return (new LassoProblem(a, b, lambdaFraction * LambdaMax(a, b)), truth);
    }
}
