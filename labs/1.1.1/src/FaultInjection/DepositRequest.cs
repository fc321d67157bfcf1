namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>Add <paramref name="Amount"/> to an account — not idempotent by itself (applied twice, it counts twice),
/// which is why it carries an idempotency key chosen by the client.</summary>
public sealed record DepositRequest(string IdempotencyKey, int Account, long Amount);
