using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.NumericalMethods.Convex;

/// <summary>
/// A Markowitz portfolio with constraints: minimise wᵀΣw − γ·μᵀw subject to Σw_i = 1 and 0 ≤ w_i ≤ cap_i (fully
/// invested, long only, a cap per asset). Solved by projected gradient with step 1/L (L = 2·λ_max(Σ)): a gradient
/// step, then the Euclidean projection onto the capped simplex, which is w_i = clamp(v_i − τ, 0, cap_i) with τ found by
/// bisection so that the weights sum to 1. Infeasible when the caps sum to less than 1.
/// </summary>
public sealed record Portfolio(Matrix<double> Covariance, Vector<double> ExpectedReturns, Vector<double> Caps, double RiskAversion)
{
    public sealed record Result(Vector<double> Weights, int Iterations, double KktResidual);

    public double Objective(Vector<double> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return w.DotProduct(Covariance * w) - RiskAversion * ExpectedReturns.DotProduct(w);
    }

    public Result Solve(double tolerance = 1e-10, int maxIterations = 100_000)
    {
        RequireFeasible();
        var step = 1 / (2 * Covariance.Evd().EigenValues.Real().Maximum());
        var w = Project(Vector<double>.Build.Dense(Caps.Count, 1.0 / Caps.Count));
        for (var k = 1; k <= maxIterations; k++)
        {
            var next = Project(w - step * Gradient(w));
            var moved = (next - w).InfinityNorm();
            w = next;
            if (moved < tolerance) return new Result(w, k, KktResidual(w));
        }
        throw new NonConvergenceException("projected gradient for the portfolio", maxIterations, KktResidual(w), tolerance);
    }

    public Vector<double> Gradient(Vector<double> w) => 2 * (Covariance * w) - RiskAversion * ExpectedReturns;

    /// <summary>The KKT conditions with one multiplier ν for the budget: g_i + ν = 0 for weights strictly inside their
    /// bounds, ≥ 0 at the lower bound, ≤ 0 at the cap. ν is taken from the free weights (their mean) or, when every weight
    /// sits at a bound, from the middle of the interval the bounds allow; the residual is the largest violation.</summary>
    public double KktResidual(Vector<double> w, double boundTolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(w);
        var g = Gradient(w);
        var free = Enumerable.Range(0, w.Count).Where(i => w[i] > boundTolerance && w[i] < Caps[i] - boundTolerance).ToList();
        var atZero = Enumerable.Range(0, w.Count).Where(i => w[i] <= boundTolerance).Select(i => -g[i]).DefaultIfEmpty(double.NegativeInfinity).Max();
        var atCap = Enumerable.Range(0, w.Count).Where(i => w[i] >= Caps[i] - boundTolerance).Select(i => -g[i]).DefaultIfEmpty(double.PositiveInfinity).Min();
        // With no free weight, ν may be anywhere in [max over zeros of −g, min over capped of −g]: take the middle.
        var nu = free.Count > 0 ? -free.Average(i => g[i])
            : double.IsFinite(atZero) && double.IsFinite(atCap) ? (atZero + atCap) / 2 : double.IsFinite(atZero) ? atZero : atCap;
        var residual = Math.Abs(w.Sum() - 1);
        for (var i = 0; i < w.Count; i++)
        {
            var s = g[i] + nu;
            residual = Math.Max(residual, w[i] <= boundTolerance ? Math.Max(0, -s) : w[i] >= Caps[i] - boundTolerance ? Math.Max(0, s) : Math.Abs(s));
        }
        return residual;
    }

    /// <summary>The Euclidean projection of v onto {w : Σw = 1, 0 ≤ w ≤ cap}.</summary>
    public Vector<double> Project(Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        RequireFeasible();
        #region Exercise 2.4-2e: projection onto the capped simplex by bisection on the shift tau (tests: PortfolioTests.Projection_keeps_a_feasible_point_and_satisfies_the_constraints, PortfolioTests.Projection_onto_the_plain_simplex_shifts_every_coordinate_equally, PortfolioTests.The_minimum_variance_portfolio_of_independent_assets_weights_by_inverse_variance, PortfolioTests.A_generated_portfolio_meets_the_kkt_conditions_and_a_perturbed_one_does_not)
        double Sum(double tau) => Enumerable.Range(0, v.Count).Sum(i => Math.Clamp(v[i] - tau, 0, Caps[i]));
        // Sum(τ) falls from Σcap (τ small) to 0 (τ large); find where it crosses 1.
        double lo = v.Minimum() - Caps.Maximum() - 1, hi = v.Maximum();
        for (var i = 0; i < 200 && hi - lo > 1e-15 * Math.Max(1, Math.Abs(hi)); i++)
        {
            var mid = (lo + hi) / 2;
            if (Sum(mid) > 1) lo = mid; else hi = mid;
        }
        var tau = (lo + hi) / 2;
        return Vector<double>.Build.Dense(v.Count, i => Math.Clamp(v[i] - tau, 0, Caps[i]));
        #endregion
    }

    private void RequireFeasible()
    {
        if (Caps.Any(c => c < 0)) throw new InfeasibleProblemException("the capped-simplex portfolio", $"asset {Caps.Find(c => c < 0)!.Item1} has a negative cap");
        if (Caps.Sum() < 1 - 1e-12)
            throw new InfeasibleProblemException("the capped-simplex portfolio", $"the caps sum to {Caps.Sum():0.####} < 1, so no weights within them add up to a fully invested portfolio");
    }

    /// <summary>A stated law: Σ = F·Fᵀ + diag(d) from a 3-factor model (F entries N(0, 0.1²), d ~ U(0.01, 0.05)), μ_i ~ U(0.02, 0.12).</summary>
    public static Portfolio Generate(int assets, double cap, double riskAversion, int seed)
    {
        var random = new Random(seed);
        var f = Matrix<double>.Build.Dense(assets, 3, (_, _) => 0.1 * Bayes.MetropolisHastings.StandardNormal(random));
        var covariance = f * f.Transpose() + Matrix<double>.Build.DenseOfDiagonalVector(Vector<double>.Build.Dense(assets, _ => 0.01 + 0.04 * random.NextDouble()));
        var mu = Vector<double>.Build.Dense(assets, _ => 0.02 + 0.1 * random.NextDouble());
        return new Portfolio(covariance, mu, Vector<double>.Build.Dense(assets, cap), riskAversion);
    }
}
