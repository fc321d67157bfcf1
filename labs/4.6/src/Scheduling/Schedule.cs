namespace StatelessMind.Labs.StochasticStatistics.Scheduling;

/// <summary>An assignment of each job to a machine, and the machines' loads that follow from it.</summary>
public sealed record Schedule(IReadOnlyList<int> MachineOfJob, IReadOnlyList<long> Loads)
{
    public long Makespan => Loads.Max();

    /// <summary>Recomputes the loads from the assignment, so a schedule that claims a makespan can be checked.</summary>
    public static Schedule FromAssignment(SchedulingInstance instance, IReadOnlyList<int> machineOfJob)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(machineOfJob);
        var loads = new long[instance.Machines];
        for (var j = 0; j < instance.Jobs; j++) loads[machineOfJob[j]] += instance.Durations[j];
        return new Schedule(machineOfJob.ToArray(), loads);
    }
}
