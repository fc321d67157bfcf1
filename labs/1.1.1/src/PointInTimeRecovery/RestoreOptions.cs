namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>How to restore: which archive to read (default: the session's), and whether to verify it first.</summary>
public sealed record RestoreOptions
{
    public WalArchive? Archive { get; init; }

    /// <summary>Walk the archive (continuity, page headers, record CRCs) before starting; a problem is a
    /// <see cref="WalArchiveException"/> naming the segment. Off, PostgreSQL finds it during replay.</summary>
    public bool VerifyArchive { get; init; } = true;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>A (stopped or running) harness cluster whose folder and port to restore into, reused across
    /// restores; its data folder is replaced each time. Null: a fresh cluster per restore, removed on dispose.</summary>
    public StatelessMind.Harness.Services.PostgresCluster? Host { get; init; }

    /// <summary>A planted mistake (test hook); <see cref="RestoreBug.None"/> in normal runs.</summary>
    public RestoreBug Bug { get; init; } = RestoreBug.None;
}
