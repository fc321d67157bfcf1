namespace StatelessMind.Labs.Scalability.LoadParameters;

/// <summary>
/// Gunther's Universal Scalability Law fitted to measured throughput: X(N) = λN / (1 + σ(N−1) + κN(N−1)), where σ is
/// the serial (contention) fraction, κ the coherency (crosstalk) cost, λ the throughput of one worker. Amdahl's law is
/// the case κ = 0. Fitted the standard way: with C(N) = X(N)/X(1), the quantity N/C(N) − 1 is the quadratic
/// σ(N−1) + κN(N−1) without constant term, so σ and κ come from a least-squares fit through the origin (kept ≥ 0).
/// </summary>
public sealed record ScalingLawFit(double Lambda, double Sigma, double Kappa, double RSquared)
{
    /// <summary>The throughput the law predicts at N workers.</summary>
    public double Predict(double n) => Lambda * n / (1 + Sigma * (n - 1) + Kappa * n * (n - 1));

    /// <summary>Where throughput peaks (N* = √((1 − σ)/κ)); infinite when κ = 0.</summary>
    public double PeakConcurrency => Kappa > 0 ? Math.Sqrt((1 - Sigma) / Kappa) : double.PositiveInfinity;

    /// <summary>Amdahl's bound on speed-up, 1/σ.</summary>
    public double AmdahlSpeedupLimit => Sigma > 0 ? 1 / Sigma : double.PositiveInfinity;

    /// <summary>Fits the Universal Scalability Law to (N, throughput) points; N = 1 must be among them.</summary>
    public static ScalingLawFit Universal(IReadOnlyList<(int N, double Throughput)> points) => Fit(points, withKappa: true);

    /// <summary>Fits Amdahl's law (κ = 0).</summary>
    public static ScalingLawFit Amdahl(IReadOnlyList<(int N, double Throughput)> points) => Fit(points, withKappa: false);

    private static ScalingLawFit Fit(IReadOnlyList<(int N, double Throughput)> points, bool withKappa)
    {
        ArgumentNullException.ThrowIfNull(points);
        var one = points.Where(p => p.N == 1).Select(p => p.Throughput).DefaultIfEmpty(double.NaN).Average();
        if (double.IsNaN(one) || one <= 0) throw new ArgumentException("The fit needs a positive throughput measured at N = 1.", nameof(points));
        if (points.Any(p => p.N < 1 || p.Throughput <= 0)) throw new ArgumentException("Every point needs N ≥ 1 and a positive throughput.", nameof(points));
        double sigma = 0, kappa = 0;
        #region Exercise 1.1.2-1b: least squares for σ and κ (both ≥ 0) from y = N/C(N) − 1 = σ(N−1) + κN(N−1) (tests: ScalingLawFitTests.The_universal*, ScalingLawFitTests.Amdahls*, ScalingLawFitTests.Perfect_scaling*)
        var rows = points.Where(p => p.N > 1).Select(p => (A: p.N - 1.0, B: (double)p.N * (p.N - 1), Y: p.N / (p.Throughput / one) - 1)).ToList();
        if (rows.Count > 0)
        {
            double saa = rows.Sum(r => r.A * r.A), sab = rows.Sum(r => r.A * r.B), sbb = rows.Sum(r => r.B * r.B);
            double say = rows.Sum(r => r.A * r.Y), sby = rows.Sum(r => r.B * r.Y);
            var det = saa * sbb - sab * sab;
            if (withKappa && det > 1e-12)
            {
                sigma = (say * sbb - sby * sab) / det;
                kappa = (saa * sby - sab * say) / det;
            }
            // A negative coefficient means the other one alone fits better: refit on one term.
            if (!withKappa || sigma < 0 || kappa < 0)
            {
                var sigmaOnly = Math.Max(0, say / saa);
                var kappaOnly = Math.Max(0, sby / sbb);
                double Sse(double s, double k) => rows.Sum(r => Math.Pow(r.Y - s * r.A - k * r.B, 2));
                (sigma, kappa) = !withKappa || Sse(sigmaOnly, 0) <= Sse(0, kappaOnly) ? (sigmaOnly, 0.0) : (0.0, kappaOnly);
            }
        }
        #endregion
        var fit = new ScalingLawFit(one, sigma, kappa, 0);
        var mean = points.Average(p => p.Throughput);
        var total = points.Sum(p => Math.Pow(p.Throughput - mean, 2));
        var residual = points.Sum(p => Math.Pow(p.Throughput - fit.Predict(p.N), 2));
        return fit with { RSquared = total > 0 ? 1 - residual / total : 1 };
    }
}
