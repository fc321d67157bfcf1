namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>Connection refused: the server is restarting after a crash, or down in an outage. Transient.</summary>
public sealed class ServerUnavailableException(TimeSpan retryAfter)
    : Exception(retryAfter == Timeout.InfiniteTimeSpan
        ? "Connection refused: the server is down (an outage; no restart time known)."
        : $"Connection refused: the server is restarting (back in about {retryAfter.TotalMilliseconds:0.#} ms).")
{
    /// <summary>When the server is expected back; <see cref="Timeout.InfiniteTimeSpan"/> when unknown.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
