using StatelessMind.Labs.StochasticStatistics.Scheduling;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Scheduling;

public sealed class SchedulingInputTests
{
    [Fact]
    [Goal("4.6-4")]
    public void Fewer_than_one_machine_is_refused()
    {
        Assert.Equal(0, Assert.Throws<MachineCountException>(() => new SchedulingInstance([1, 2], 0)).Machines);
        Assert.Throws<MachineCountException>(() => new SchedulingInstance([1], -3));
        Assert.Throws<MachineCountException>(() => LptBound.Ratio(0));
    }

    [Fact]
    [Goal("4.6-4")]
    public void Non_positive_jobs_and_empty_instances_are_refused_naming_the_job()
    {
        var e = Assert.Throws<JobDurationException>(() => new SchedulingInstance([4, 0, 2], 2));
        Assert.Equal((1, 0L), (e.Job, e.Duration));
        Assert.Equal(-1, Assert.Throws<JobDurationException>(() => new SchedulingInstance([], 2)).Job);
    }

    [Fact]
    [Goal("4.6-4")]
    public void The_brute_force_refuses_instances_above_its_limit()
    {
        var e = Assert.Throws<InstanceTooLargeException>(() => new BruteForceScheduler().Optimum(new SchedulingInstance(Enumerable.Repeat(3L, 17).ToArray(), 4)));
        Assert.Equal(17, e.Jobs);
    }

    [Fact]
    [Goal("4.6-4")]
    public void The_bound_is_four_thirds_minus_one_over_three_m()
    {
        Assert.Equal(1, LptBound.Ratio(1), 15);
        Assert.Equal(7.0 / 6, LptBound.Ratio(2), 15);
        Assert.Equal(11.0 / 9, LptBound.Ratio(3), 15);
        Assert.True(LptBound.Holds(7, 6, 2));
        Assert.False(LptBound.Holds(8, 6, 2));
    }
}
