using StatelessMind.Labs.StochasticStatistics.Scheduling;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Scheduling;

public sealed class CpSatSchedulerTests
{
    [Fact]
    [Goal("4.6-4")]
    public void It_finds_the_perfect_split_and_its_assignment_has_that_makespan()
    {
        var optimum = new CpSatScheduler().Optimum(SchedulingTestData.LptLoses);
        Assert.Equal(6, optimum.Makespan);
        Assert.Equal(optimum.Loads, Schedule.FromAssignment(SchedulingTestData.LptLoses, optimum.MachineOfJob).Loads);
    }

    [Fact]
    [Goal("4.6-4")]
    public void It_agrees_with_trying_every_assignment()
    {
        var cpSat = new CpSatScheduler();
        foreach (var instance in SchedulingTestData.Small(25, 33))
            Assert.True(SchedulingTestData.Exhaustive(instance) == cpSat.Optimum(instance).Makespan, instance.ToString());
    }

    [Fact]
    [Goal("4.6-4")]
    public void Grahams_instance_has_optimum_three_m()
    {
        Assert.Equal(12, new CpSatScheduler().Optimum(LptBound.TightInstance(4)).Makespan);
        Assert.Equal(15, new CpSatScheduler().Optimum(LptBound.TightInstance(5)).Makespan);
    }
}
