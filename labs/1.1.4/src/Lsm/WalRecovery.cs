namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>What replaying one WAL found: records applied, where the valid log ends, and how many torn bytes were cut off.</summary>
public sealed record WalRecovery(string Path, int Records, long ValidBytes, long TruncatedBytes);
