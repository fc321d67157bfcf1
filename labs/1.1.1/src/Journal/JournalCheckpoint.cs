namespace StatelessMind.Labs.Reliability.Journal;

/// <summary>The program's checkpoint: the state after record <paramref name="Seq"/>, which ends at <paramref name="Offset"/>.</summary>
public sealed record JournalCheckpoint(long Seq, long Offset, long State);
