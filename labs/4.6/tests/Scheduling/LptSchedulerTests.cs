using StatelessMind.Labs.StochasticStatistics.Scheduling;

namespace StatelessMind.Labs.StochasticStatistics.Tests.Scheduling;

public sealed class LptSchedulerTests
{
    [Fact]
    [Goal("4.6-4")]
    public void Jobs_go_longest_first_to_the_least_loaded_machine()
    {
        // Order 7, 5, 3, 2: 7 → M0, 5 → M1, 3 → M1 (5 < 7), 2 → M0 (7 < 8).
        var schedule = new LptScheduler().Schedule(new SchedulingInstance([2, 5, 3, 7], 2));
        Assert.Equal([0, 1, 1, 0], schedule.MachineOfJob);
        Assert.Equal([9L, 8L], schedule.Loads);
        Assert.Equal(9, schedule.Makespan);
    }

    [Fact]
    [Goal("4.6-4")]
    public void Ties_go_to_the_lowest_numbered_machine_and_spare_machines_stay_empty()
    {
        var schedule = new LptScheduler().Schedule(new SchedulingInstance([4, 4, 4], 5));
        Assert.Equal([0, 1, 2], schedule.MachineOfJob);
        Assert.Equal([4L, 4L, 4L, 0L, 0L], schedule.Loads);
        Assert.Equal(5, new LptScheduler().Schedule(new SchedulingInstance([1, 2, 2], 1)).Makespan);
    }

    [Fact]
    [Goal("4.6-4")]
    public void The_loads_add_up_to_the_work_and_match_the_assignment()
    {
        foreach (var instance in SchedulingTestData.Small(30, 8))
        {
            var schedule = new LptScheduler().Schedule(instance);
            Assert.Equal(instance.TotalWork, schedule.Loads.Sum());
            Assert.Equal(schedule.Loads, Schedule.FromAssignment(instance, schedule.MachineOfJob).Loads);
            Assert.True(schedule.Makespan >= instance.LowerBound);
        }
    }
}
