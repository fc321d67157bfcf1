using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.ProbabilisticModels.Markov;

/// <summary>The chains the experiment and tests use, each with the closed-form answers it is checked against.</summary>
public static class ExampleChains
{
    /// <summary>A storage node's health, one step a day: healthy, degraded (a slow disk), failed, rebuilding a replica.
    /// Irreducible and aperiodic, so the n-step distribution converges to a unique stationary one.</summary>
    public static MarkovChain NodeHealth(ChainBug bug = ChainBug.None) => MarkovChain.FromRows(
        ["healthy", "degraded", "failed", "rebuilding"],
        [
            [0.92, 0.06, 0.02, 0.00],
            [0.30, 0.55, 0.15, 0.00],
            [0.00, 0.00, 0.40, 0.60],
            [0.50, 0.10, 0.05, 0.35],
        ], "node health", bug);

    /// <summary>Gambler's ruin on 0 … <paramref name="n"/>: from i, +1 with probability <paramref name="p"/>, −1 otherwise;
    /// 0 and n absorb.</summary>
    public static MarkovChain GamblersRuin(int n, double p, ChainBug bug = ChainBug.None)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        var m = Matrix<double>.Build.Dense(n + 1, n + 1);
        m[0, 0] = 1;
        m[n, n] = 1;
        for (var i = 1; i < n; i++)
        {
            m[i, i + 1] = p;
            m[i, i - 1] = 1 - p;
        }
        return new MarkovChain([.. Enumerable.Range(0, n + 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], m, $"gambler's ruin (N = {n}, p = {p})", bug);
    }

    /// <summary>P(reach n before 0 | start at i): (1 − (q/p)^i) / (1 − (q/p)^n), or i/n when p = q.</summary>
    public static double RuinWinProbability(int n, double p, int i)
    {
        var q = 1 - p;
        if (Math.Abs(p - q) < 1e-15) return (double)i / n;
        var r = q / p;
        return (1 - Math.Pow(r, i)) / (1 - Math.Pow(r, n));
    }

    /// <summary>Expected steps until 0 or n from i: i (n − i) when p = q, else i/(q − p) − n/(q − p) · (1 − (q/p)^i)/(1 − (q/p)^n).</summary>
    public static double RuinExpectedDuration(int n, double p, int i)
    {
        var q = 1 - p;
        if (Math.Abs(p - q) < 1e-15) return (double)i * (n - i);
        return i / (q - p) - n / (q - p) * RuinWinProbability(n, p, i);
    }

    /// <summary>A request retried up to <paramref name="attempts"/> times, each attempt succeeding with probability
    /// <paramref name="p"/>: states attempt 1 … k, then "succeeded" and "gave up" (both absorbing).</summary>
    public static MarkovChain Retries(int attempts, double p, ChainBug bug = ChainBug.None)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var n = attempts + 2;
        var m = Matrix<double>.Build.Dense(n, n);
        int succeeded = attempts, gaveUp = attempts + 1;
        for (var i = 0; i < attempts; i++)
        {
            m[i, succeeded] = p;
            m[i, i + 1 < attempts ? i + 1 : gaveUp] = 1 - p;
        }
        m[succeeded, succeeded] = 1;
        m[gaveUp, gaveUp] = 1;
        return new MarkovChain([.. Enumerable.Range(1, attempts).Select(i => $"attempt {i}"), "succeeded", "gave up"], m, $"retries (k = {attempts}, p = {p})", bug);
    }
}
