namespace StatelessMind.Labs.StochasticStatistics.Scheduling;

/// <summary>A schedule needs at least one machine: m &lt; 1 leaves nowhere to put a job, and 4/3 − 1/(3m) means nothing.</summary>
public sealed class MachineCountException(int machines)
    : StatisticalInputException($"the instance has {machines} machines: at least 1 is needed.")
{
    public int Machines { get; } = machines;
}
