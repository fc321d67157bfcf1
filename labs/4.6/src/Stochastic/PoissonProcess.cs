namespace StatelessMind.Labs.StochasticStatistics.Stochastic;

/// <summary>
/// A homogeneous Poisson process of rate λ on [0, T]: the gaps between arrivals are independent Exp(λ), drawn by the
/// inverse transform −ln(1 − U)/λ, and then the number of arrivals in any window of length t is Poisson(λt), windows
/// that do not overlap being independent.
/// </summary>
public sealed class PoissonProcess
{
    private readonly StochasticBug _bug;

    public PoissonProcess(double rate, StochasticBug bug = StochasticBug.None)
    {
        if (!double.IsFinite(rate) || rate <= 0) throw new InvalidRateException("the rate λ", rate);
        Rate = rate;
        _bug = bug;
    }

    public double Rate { get; }

    /// <summary>One inter-arrival time.</summary>
    public double InterArrival(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u = random.NextDouble();
        // The planted bug keeps the mean 1/λ but draws the gap uniform on [0, 2/λ].
        return _bug == StochasticBug.UniformInterArrivals ? 2 * u / Rate : -Math.Log(1 - u) / Rate;
    }

    /// <summary>The arrivals in [0, horizon]: the times and the complete gaps that led to them.</summary>
    public PoissonPath Simulate(double horizon, Random random)
    {
        if (!double.IsFinite(horizon) || horizon <= 0) throw new InvalidRateException("the horizon T", horizon);
        var times = new List<double>();
        var gaps = new List<double>();
        var t = 0.0;
        while (true)
        {
            var gap = InterArrival(random);
            if (t + gap > horizon) break;
            t += gap;
            gaps.Add(gap);
            times.Add(t);
        }
        return new PoissonPath(horizon, times, gaps);
    }

    /// <summary>The number of arrivals in each unit window [k, k + 1), k = 0 … windows − 1, from ascending times.</summary>
    public int[] CountsPerUnitWindow(IReadOnlyList<double> times, int windows)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentOutOfRangeException.ThrowIfLessThan(windows, 1);
        var counts = new int[windows];
        var next = 0;
        for (var k = 0; k < windows; k++)
        {
            while (next < times.Count && times[next] < k + 1)
            {
                if (times[next] >= k) counts[k]++;
                next++;
            }
            // The planted bug also counts the first arrival of the next window, the one that ended the loop.
            if (_bug == StochasticBug.CountsOffByOne) counts[k]++;
        }
        return counts;
    }
}
