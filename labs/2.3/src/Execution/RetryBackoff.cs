using StatelessMind.Labs.Orchestration.Dags;

namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>How long a task waits in up_for_retry before its next try.</summary>
public static class RetryBackoff
{
    /// <summary>The wait after failed try number <paramref name="tryNumber"/> (1-based): <c>RetryDelay · 2^(try−1)</c>
    /// with exponential backoff, capped at <c>MaxRetryDelay</c>; <c>RetryDelay</c> without.</summary>
    public static TimeSpan Delay(TaskOptions options, int tryNumber)
    {
        #region Exercise 2.3-2b: the exponential backoff delay after a failed try, capped at the maximum (tests: RetryTests)
        if (!options.ExponentialBackoff) return options.RetryDelay;
        var factor = Math.Pow(2, Math.Max(0, tryNumber - 1));
        var ticks = Math.Min(options.RetryDelay.Ticks * factor, options.MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
        #endregion
    }
}
