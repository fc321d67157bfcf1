namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>No deposit with this idempotency key was ever applied. Permanent: asking again will not create it.</summary>
public sealed class ReceiptNotFoundException(string idempotencyKey)
    : Exception($"No deposit with idempotency key '{idempotencyKey}' has been applied.")
{
    public string IdempotencyKey { get; } = idempotencyKey;
}
