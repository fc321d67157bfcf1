using StatelessMind.Labs.StochasticStatistics.Stochastic;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Stochastic;

public sealed class ChainSimulationTests(ITestOutputHelper output)
{
    private static double Tolerance(MarkovChain chain, long steps) =>
        0.5 * chain.AsymptoticVisitVariances().Sum(v => 4 * Math.Sqrt(v)) / Math.Sqrt(steps);

    [Fact]
    [Goal("4.6-3")]
    public void The_visit_frequencies_come_within_the_monte_carlo_tolerance_of_pi()
    {
        var chain = MarkovChain.From(StochasticProcessExperiment.ExampleChain);
        var walk = chain.Simulate(0, 100_000, new Random(11));
        var distance = MarkovChain.TotalVariation(walk.Frequencies, chain.StationaryBySolve().ToArray());
        output.WriteLine($"TV {distance:G3}, tolerance {Tolerance(chain, walk.Steps):G3}");
        Assert.True(distance <= Tolerance(chain, walk.Steps));
        Assert.Equal(100_000, walk.Counts.Sum());
    }

    [Fact]
    [Goal("4.6-3")]
    public void A_deterministic_cycle_visits_each_state_in_turn()
    {
        // 0 → 1 → 2 → 0: no randomness left, so the counts are known exactly.
        var chain = MarkovChain.From(new double[,] { { 0, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 } });
        var walk = chain.Simulate(0, 10, new Random(1), [1, 2, 3]);
        Assert.Equal([3L, 4, 3], walk.Counts);
        Assert.Equal([0L, 1, 0], walk.Snapshots[0].Counts);
        Assert.Equal([0L, 1, 1], walk.Snapshots[1].Counts);
        Assert.Equal([1L, 1, 1], walk.Snapshots[2].Counts);
    }

    [Fact]
    [Goal("4.6-3")]
    public void The_walk_is_reproducible_from_its_seed_and_its_snapshots_add_up()
    {
        var chain = MarkovChain.From(StochasticProcessExperiment.ExampleChain);
        var first = chain.Simulate(2, 5_000, new Random(3), [10, 100, 1_000]);
        var second = chain.Simulate(2, 5_000, new Random(3), [10, 100, 1_000]);
        Assert.Equal(first.Counts, second.Counts);
        Assert.Equal([10L, 100, 1_000], first.Snapshots.Select(s => s.Counts.Sum()));
    }

    [Fact]
    [Goal("4.6-3")]
    public void The_spread_of_the_frequencies_over_independent_walks_matches_the_kemeny_snell_variance()
    {
        var chain = MarkovChain.From(StochasticProcessExperiment.ExampleChain);
        var sigma2 = chain.AsymptoticVisitVariances();
        const int walks = 400;
        const long steps = 4_000;
        var random = new Random(17);
        var frequencies = Enumerable.Range(0, walks).Select(_ => chain.Simulate(random.Next(chain.States), steps, random).Frequencies).ToArray();
        for (var i = 0; i < chain.States; i++)
        {
            var mean = frequencies.Average(f => f[i]);
            var variance = frequencies.Sum(f => (f[i] - mean) * (f[i] - mean)) / (walks - 1);
            output.WriteLine($"state {i}: n·Var = {steps * variance:G4}, σ² = {sigma2[i]:G4}");
            // 400 walks estimate a variance to about √(2/399) ≈ 7 %; 25 % is more than three of those.
            Assert.InRange(steps * variance / sigma2[i], 0.75, 1.25);
        }
    }

    [Fact]
    [Goal("4.6-3")]
    public void The_tolerance_check_catches_a_walk_using_the_wrong_row()
    {
        var correct = MarkovChain.From(StochasticProcessExperiment.ExampleChain);
        var buggy = MarkovChain.From(StochasticProcessExperiment.ExampleChain, StochasticBug.WrongRowInSimulation);
        var walk = buggy.Simulate(0, 100_000, new Random(11));
        var distance = MarkovChain.TotalVariation(walk.Frequencies, correct.StationaryBySolve().ToArray());
        output.WriteLine($"TV {distance:G3}, tolerance {Tolerance(correct, walk.Steps):G3}");
        Assert.True(distance > Tolerance(correct, walk.Steps));
    }
}
