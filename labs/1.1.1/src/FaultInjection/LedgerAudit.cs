namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// What the durable log holds after a run, read back without faults: how many deposits, which keys
/// were stored more than once (a write applied twice), and which acknowledged deposits are missing.
/// </summary>
public sealed record LedgerAudit(int StoredDeposits, IReadOnlyList<string> DuplicateKeys, IReadOnlyList<string> MissingAcknowledged, long StoredTotal)
{
    public bool Holds => DuplicateKeys.Count == 0 && MissingAcknowledged.Count == 0;
}
