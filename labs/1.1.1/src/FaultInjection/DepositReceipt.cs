namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>The server's answer: where the deposit is stored, and whether this call only replayed an earlier application.</summary>
public sealed record DepositReceipt(string IdempotencyKey, int Account, long Amount, long Offset, bool Replayed);
