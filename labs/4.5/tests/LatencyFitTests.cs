using StatelessMind.Labs.SystemsProgramming.Caching;

namespace StatelessMind.Labs.SystemsProgramming.Tests;

public sealed class LatencyFitTests
{
    [Fact]
    [Goal("4.5-1")]
    public void The_fit_recovers_known_level_latencies_and_leaves_unobserved_levels_out()
    {
        double[] truth = [1.2, 4.0, 20.0, 0];
        IReadOnlyList<double>[] fractions =
        [
            [1, 0, 0, 0], [0.7, 0.3, 0, 0], [0.1, 0.9, 0, 0], [0, 0.5, 0.5, 0], [0, 0.1, 0.9, 0], [0, 0, 1, 0],
        ];
        var measured = fractions.Select(f => f.Zip(truth, (a, b) => a * b).Sum()).ToList();
        var fit = LatencyFit.Fit(fractions, measured);
        Assert.Equal(1.2, fit.Latencies[0], 6);
        Assert.Equal(4.0, fit.Latencies[1], 6);
        Assert.Equal(20.0, fit.Latencies[2], 6);
        Assert.True(double.IsNaN(fit.Latencies[3])); // memory never served a load here
        Assert.Equal(measured[3], fit.Predict(fractions[3]), 6);
    }

    [Fact]
    [Goal("4.5-1")]
    public void The_weighted_normal_equations_give_the_exact_solution_of_consistent_data()
    {
        // 4.5-1d on its own: t = (2, 6) explains both measurements exactly, so every weighting finds it.
        IReadOnlyList<double>[] fractions = [[1, 0, 0], [0.5, 0.5, 0], [0.25, 0.75, 0]];
        double[] measured = [2, 4, 5];
        var t = LatencyFit.SolveWeightedLeastSquares(fractions, measured, [0, 1]);
        Assert.Equal(2.0, t[0], 9);
        Assert.Equal(6.0, t[1], 9);
    }
}
