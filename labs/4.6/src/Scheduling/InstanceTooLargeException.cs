namespace StatelessMind.Labs.StochasticStatistics.Scheduling;

/// <summary>The brute force visits up to mⁿ assignments: it refuses instances above <see cref="Limit"/> jobs instead of
/// running for hours. Use CP-SAT for those.</summary>
public sealed class InstanceTooLargeException(int jobs, int limit)
    : StatisticalInputException($"{jobs} jobs is above the brute force's limit of {limit}; solve the instance with CP-SAT instead.")
{
    public int Jobs { get; } = jobs;
    public int Limit { get; } = limit;
}
