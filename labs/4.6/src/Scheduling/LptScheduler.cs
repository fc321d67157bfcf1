namespace StatelessMind.Labs.StochasticStatistics.Scheduling;

/// <summary>Longest Processing Time first: sort the jobs by decreasing length, and give each in turn to the machine that
/// is least loaded at that moment (ties to the lowest-numbered machine).</summary>
public sealed class LptScheduler(SchedulingBug bug = SchedulingBug.None)
{
    public Schedule Schedule(SchedulingInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var order = Enumerable.Range(0, instance.Jobs).ToArray();
        // Stable order: equal lengths keep their index order, so the schedule is deterministic.
        order = bug == SchedulingBug.ShortestFirst
            ? [.. order.OrderBy(j => instance.Durations[j]).ThenBy(j => j)]
            : [.. order.OrderByDescending(j => instance.Durations[j]).ThenBy(j => j)];
        return AssignInOrder(instance, order);
    }

    /// <summary>Greedy list scheduling: each job of <paramref name="order"/> in turn to the currently least-loaded machine.</summary>
    internal static Schedule AssignInOrder(SchedulingInstance instance, IReadOnlyList<int> order)
    {
        #region Exercise 4.6-4a: list scheduling, each job to the least-loaded machine by a priority queue (tests: LptSchedulerTests, LptBoundTests)
        var machineOfJob = new int[instance.Jobs];
        var loads = new long[instance.Machines];
        var queue = new PriorityQueue<int, (long Load, int Machine)>();
        for (var i = 0; i < instance.Machines; i++) queue.Enqueue(i, (0, i));
        foreach (var job in order)
        {
            var machine = queue.Dequeue();
            machineOfJob[job] = machine;
            loads[machine] += instance.Durations[job];
            queue.Enqueue(machine, (loads[machine], machine));
        }
        return new Schedule(machineOfJob, loads);
        #endregion
    }
}
