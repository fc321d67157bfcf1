namespace StatelessMind.Labs.StochasticStatistics.Scheduling;

/// <summary>P||C_max: n jobs with whole-number processing times on m identical machines; minimise the makespan.</summary>
public sealed record SchedulingInstance
{
    public SchedulingInstance(IReadOnlyList<long> durations, int machines)
    {
        ArgumentNullException.ThrowIfNull(durations);
        if (machines < 1) throw new MachineCountException(machines);
        if (durations.Count == 0) throw new JobDurationException(-1, 0, "at least one job with a positive processing time");
        for (var j = 0; j < durations.Count; j++)
            if (durations[j] <= 0) throw new JobDurationException(j, durations[j], "a positive whole number of time units");
        Durations = durations.ToArray();
        Machines = machines;
    }

    public IReadOnlyList<long> Durations { get; }
    public int Machines { get; }
    public int Jobs => Durations.Count;
    public long TotalWork => Durations.Sum();

    /// <summary>No schedule beats max(⌈Σp/m⌉, max p): the work must fit on m machines, and the longest job on one.</summary>
    public long LowerBound => Math.Max((TotalWork + Machines - 1) / Machines, Durations.Max());

    public override string ToString() => $"m = {Machines}, p = [{string.Join(", ", Durations)}]";
}
