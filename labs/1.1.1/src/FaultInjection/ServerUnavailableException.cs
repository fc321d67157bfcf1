namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>Connection refused: the server is restarting after a crash. Transient.</summary>
public sealed class ServerUnavailableException(TimeSpan retryAfter)
    : Exception($"Connection refused: the server is restarting (back in about {retryAfter.TotalMilliseconds:0.#} ms).")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
