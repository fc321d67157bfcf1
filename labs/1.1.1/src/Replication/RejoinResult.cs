namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>The old primary brought back as a follower: what pg_rewind reported (where the timelines
/// diverged, or that no rewind was needed) and how long pg_rewind took, and rewind + restart until it streams.</summary>
public sealed record RejoinResult(string Member, bool Rewound, string? DivergedAt, TimeSpan Rewind, TimeSpan Duration, string RewindOutput);
