namespace StatelessMind.Labs.Reliability.Journal;

/// <summary>
/// A deliberate fault the kill drill can add, beyond what the journal is built to survive, so that its loss check can be
/// seen to fail. <see cref="None"/>: power cuts destroy only bytes that were never acknowledged (the disk keeps what fsync
/// promised).
/// </summary>
public enum JournalDrillBug
{
    None,

    /// <summary>A disk that acknowledges fsync without keeping the data: a power cut also cuts acknowledged records after
    /// the last checkpoint. No journal can survive that; the drill must report the loss.</summary>
    DiskLosesSyncedWrites,
}
