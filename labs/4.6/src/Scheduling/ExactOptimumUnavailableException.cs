namespace StatelessMind.Labs.StochasticStatistics.Scheduling;

/// <summary>CP-SAT stopped without proving its makespan optimal (time limit, or model invalid): the ratio to "the
/// optimum" would be a ratio to an upper bound, so no ratio is given.</summary>
public sealed class ExactOptimumUnavailableException(string status, double seconds)
    : StatisticalInputException($"CP-SAT ended with status {status} after {seconds:0.##} s without proving optimality; raise the time limit or shrink the instance.")
{
    public string Status { get; } = status;
}
