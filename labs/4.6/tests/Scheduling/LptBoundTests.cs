using StatelessMind.Labs.StochasticStatistics.Scheduling;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Scheduling;

public sealed class LptBoundTests
{
    [Theory]
    [Goal("4.6-4")]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Grahams_instances_reach_the_bound_exactly(int m)
    {
        var instance = LptBound.TightInstance(m);
        var lpt = new LptScheduler().Schedule(instance).Makespan;
        var optimum = new BruteForceScheduler().Optimum(instance).Makespan;
        Assert.Equal(4L * m - 1, lpt);
        Assert.Equal(3L * m, optimum);
        Assert.True(LptBound.Holds(lpt, optimum, m));
        Assert.False(LptBound.Holds(lpt + 1, optimum, m));
    }

    [Fact]
    [Goal("4.6-4")]
    public void Random_instances_never_exceed_the_bound()
    {
        var worst = 0.0;
        foreach (var instance in SchedulingTestData.Small(60, 4).Append(SchedulingTestData.LptLoses))
        {
            var lpt = new LptScheduler().Schedule(instance).Makespan;
            var optimum = new BruteForceScheduler().Optimum(instance).Makespan;
            Assert.True(LptBound.Holds(lpt, optimum, instance.Machines), instance.ToString());
            worst = Math.Max(worst, (double)lpt / optimum);
        }
        Assert.True(worst > 1, "some instance should make LPT lose");
    }

    [Fact]
    [Goal("4.6-4")]
    public void The_bound_check_catches_shortest_first()
    {
        var instance = LptBound.TightInstance(3);
        var spt = new LptScheduler(SchedulingBug.ShortestFirst).Schedule(instance).Makespan;
        Assert.False(LptBound.Holds(spt, new BruteForceScheduler().Optimum(instance).Makespan, 3));
    }
}
