namespace StatelessMind.Labs.Reliability.Journal;

/// <summary>How the kill drill runs the journal program.</summary>
public sealed record CrashDrillOptions
{
    public int KillPoints { get; init; } = 100;
    public int Batch { get; init; } = 4;
    public int Payload { get; init; } = 32;
    public int CheckpointEvery { get; init; } = 8;
    public int Seed { get; init; } = 1;

    /// <summary>Share of kill points that are also a power cut: the bytes after the last acknowledged
    /// record (written, maybe not yet on disk) are cut at a random length and one of them is damaged.</summary>
    public double PowerLossShare { get; init; } = 0.25;

    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A planted fault beyond the journal's promise (test hook); <see cref="JournalDrillBug.None"/> in normal runs.</summary>
    public JournalDrillBug Bug { get; init; } = JournalDrillBug.None;
}
