using StatelessMind.Labs.StochasticStatistics.Scheduling;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Scheduling;

public sealed class BruteForceSchedulerTests
{
    [Fact]
    [Goal("4.6-4")]
    public void It_finds_the_perfect_split_lpt_misses()
    {
        var optimum = new BruteForceScheduler().Optimum(SchedulingTestData.LptLoses);
        Assert.Equal(6, optimum.Makespan);
        Assert.Equal([6L, 6L], optimum.Loads.Order());
    }

    [Fact]
    [Goal("4.6-4")]
    public void It_agrees_with_trying_every_assignment()
    {
        foreach (var instance in SchedulingTestData.Small(40, 21).Prepend(SchedulingTestData.LptLoses))
            Assert.True(SchedulingTestData.Exhaustive(instance) == new BruteForceScheduler().Optimum(instance).Makespan, instance.ToString());
    }

    [Fact]
    [Goal("4.6-4")]
    public void Over_pruning_misses_the_optimum_and_the_exhaustive_reference_shows_it()
    {
        var instance = SchedulingTestData.LptLoses;
        Assert.NotEqual(SchedulingTestData.Exhaustive(instance), new BruteForceScheduler(SchedulingBug.OverPruning).Optimum(instance).Makespan);
        Assert.Equal(SchedulingTestData.Exhaustive(instance), new BruteForceScheduler().Optimum(instance).Makespan);
    }
}
