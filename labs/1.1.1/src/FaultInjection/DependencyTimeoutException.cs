namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>A dependency of the server did not answer within its deadline. Transient.</summary>
public sealed class DependencyTimeoutException(string dependency, TimeSpan deadline)
    : TimeoutException($"{dependency} did not answer within {deadline.TotalMilliseconds:0.#} ms.")
{
    public string Dependency { get; } = dependency;
}
