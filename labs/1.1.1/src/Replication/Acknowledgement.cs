namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>
/// One commit the client saw acknowledged: the ledger id, when its INSERT was sent and when COMMIT returned
/// (Stopwatch timestamps), and the member that was the primary for that writer then.
/// </summary>
public sealed record Acknowledgement(long Id, long SentAt, long AcknowledgedAt, string Member);
