namespace StatelessMind.Labs.NumericalMethods.Bayes;

/// <summary>
/// Random-walk Metropolis–Hastings: propose x' = x + s·z with z ~ N(0, I), accept with probability
/// min(1, π(x')/π(x)) (the proposal is symmetric, so its densities cancel), else stay — and record the current state
/// either way. During warm-up the step s is tuned towards an acceptance rate of 0.44 (the optimum in one dimension);
/// after warm-up it is fixed, so the recorded chain is a true Markov chain with π as its stationary law.
/// </summary>
public sealed class MetropolisHastings(TargetDensity target, SamplerBug bug = SamplerBug.None)
{
    public const double TargetAcceptance = 0.44;

    public Chain Run(double[] start, int warmup, int draws, double initialStep, Random random)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialStep);
        var x = start.ToArray();
        var logDensity = target.LogDensity(x);
        var logStep = Math.Log(initialStep);
        var recorded = new List<double[]>(draws);
        var accepted = 0;
        for (var i = 0; i < warmup + draws; i++)
        {
            var proposal = new double[x.Length];
            for (var d = 0; d < x.Length; d++) proposal[d] = x[d] + Math.Exp(logStep) * StandardNormal(random);
            var proposalDensity = target.LogDensity(proposal);
            var accept = Accepts(logDensity, proposalDensity, random.NextDouble());
            if (i < warmup) logStep += ((accept ? 1 : 0) - TargetAcceptance) / Math.Sqrt(i + 1.0);
            if (accept)
            {
                x = proposal;
                logDensity = proposalDensity;
                if (i >= warmup) accepted++;
            }
            else if (bug == SamplerBug.RejectionNotRecorded) continue;
            if (i >= warmup) recorded.Add(x.ToArray());
        }
        return new Chain([.. recorded], (double)accepted / draws, Math.Exp(logStep));
    }

    /// <summary>The Metropolis rule on the log scale: accept when log u &lt; log π(x') − log π(x), u ~ U(0, 1).
    /// A proposal with log density −∞ (outside the support) or NaN is never accepted.</summary>
    internal static bool Accepts(double logCurrent, double logProposal, double uniform)
    {
        #region Exercise 2.4-1a: the Metropolis acceptance rule on the log scale (tests: MetropolisHastingsTests)
        if (double.IsNaN(logProposal) || double.IsNegativeInfinity(logProposal)) return false;
        return Math.Log(uniform) < logProposal - logCurrent;
        #endregion
    }

    /// <summary>A standard normal draw (Box–Muller), so that a seed fixes the whole chain.</summary>
    internal static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
