namespace StatelessMind.Labs.NumericalMethods.Bayes;

/// <summary>
/// Hamiltonian Monte Carlo: treat −log π(q) as potential energy, draw a momentum p ~ N(0, I), follow Hamilton's
/// equations for L leapfrog steps of size ε (jittered ±20% per trajectory so that no fixed ε·L resonates with the
/// target), and accept the end point with probability min(1, exp(H₀ − H₁)), H = −log π(q) + |p|²/2. Leapfrog is
/// reversible and volume-preserving, so that acceptance rule leaves π invariant; its energy error is what the
/// rule corrects. During warm-up ε is tuned towards an acceptance rate of 0.8.
/// </summary>
public sealed class HamiltonianMonteCarlo(TargetDensity target, int leapfrogSteps = 10, SamplerBug bug = SamplerBug.None)
{
    public const double TargetAcceptance = 0.8;

    public Chain Run(double[] start, int warmup, int draws, double initialStep, Random random)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialStep);
        var q = start.ToArray();
        var logStep = Math.Log(initialStep);
        var recorded = new List<double[]>(draws);
        var accepted = 0;
        for (var i = 0; i < warmup + draws; i++)
        {
            double[] momentum = [.. Enumerable.Range(0, q.Length).Select(_ => MetropolisHastings.StandardNormal(random))];
            var step = Math.Exp(logStep) * (0.8 + 0.4 * random.NextDouble());
            var (q1, p1) = Leapfrog(q, momentum, step, leapfrogSteps);
            var kineticCounts = bug == SamplerBug.AcceptanceIgnoresKineticEnergy ? 0 : 1;
            var h0 = -target.LogDensity(q) + kineticCounts * Kinetic(momentum);
            var h1 = -target.LogDensity(q1) + kineticCounts * Kinetic(p1);
            var acceptProbability = double.IsFinite(h1) ? Math.Min(1, Math.Exp(h0 - h1)) : 0;
            if (i < warmup) logStep += (acceptProbability - TargetAcceptance) / Math.Sqrt(i + 1.0);
            if (random.NextDouble() < acceptProbability)
            {
                q = q1;
                if (i >= warmup) accepted++;
            }
            if (i >= warmup) recorded.Add(q.ToArray());
        }
        return new Chain([.. recorded], (double)accepted / draws, Math.Exp(logStep));
    }

    /// <summary>L leapfrog steps of size ε from (q, p): a half step of momentum, then alternating full steps of
    /// position and momentum, then a final half step of momentum. Returns the new position and momentum; the inputs
    /// are not changed.</summary>
    internal (double[] Position, double[] Momentum) Leapfrog(double[] position, double[] momentum, double step, int steps)
    {
        #region Exercise 2.4-1b: the leapfrog integrator, half step, full steps, half step (tests: HamiltonianMonteCarloTests)
        var q = position.ToArray();
        var p = momentum.ToArray();
        var gradient = target.Gradient(q);
        for (var d = 0; d < p.Length; d++) p[d] += 0.5 * step * gradient[d];
        for (var l = 0; l < steps; l++)
        {
            for (var d = 0; d < q.Length; d++) q[d] += step * p[d];
            gradient = target.Gradient(q);
            var scale = l == steps - 1 ? 0.5 : 1.0;
            for (var d = 0; d < p.Length; d++) p[d] += scale * step * gradient[d];
        }
        return (q, p);
        #endregion
    }

    private static double Kinetic(double[] p) => 0.5 * p.Sum(v => v * v);
}
