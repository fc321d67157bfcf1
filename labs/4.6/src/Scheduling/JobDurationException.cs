namespace StatelessMind.Labs.StochasticStatistics.Scheduling;

/// <summary>A job's processing time is not a positive whole number (or there are no jobs at all, <see cref="Job"/> = −1):
/// with a zero or negative job the makespan ratio is not the one the bound is about.</summary>
public sealed class JobDurationException(int job, long duration, string expected)
    : StatisticalInputException(job < 0 ? $"the instance has no jobs: {expected}." : $"job {job} has processing time {duration}: {expected}.")
{
    public int Job { get; } = job;
    public long Duration { get; } = duration;
}
