namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>What replaying one WAL found: records applied, where the valid log ends, how many torn bytes were cut
/// off, and the sequence number of its last operation (0 when it had none).</summary>
public sealed record WalRecovery(string Path, int Records, long ValidBytes, long TruncatedBytes, long LastSequence);
