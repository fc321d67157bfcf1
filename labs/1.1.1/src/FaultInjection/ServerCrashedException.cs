namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>The connection was reset because the server process died while handling the request.
/// Transient: the server restarts; whether the request was applied is unknown, so retry with the same idempotency key.</summary>
public sealed class ServerCrashedException(string operationId)
    : Exception($"Connection reset while '{operationId}' was in flight: the server process crashed. It may or may not have applied the request; retry with the same idempotency key.")
{
    public string OperationId { get; } = operationId;
}
