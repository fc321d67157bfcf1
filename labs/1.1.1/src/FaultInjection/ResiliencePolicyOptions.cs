namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>The client's resilience policy: a deadline per attempt, retries with jittered exponential backoff,
/// and a circuit breaker that fails fast while most recent calls fail.</summary>
public sealed record ResiliencePolicyOptions
{
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMilliseconds(100);
    public int MaxRetryAttempts { get; init; } = 10;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(2);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(50);
    public double BreakerFailureRatio { get; init; } = 0.5;
    public int BreakerMinimumThroughput { get; init; } = 20;
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Seeds the backoff jitter, so a run is repeatable.</summary>
    public int Seed { get; init; } = 7;
}
