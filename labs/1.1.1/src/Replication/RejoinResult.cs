namespace StatelessMind.Labs.Reliability.Replication;

/// <summary>The old primary brought back as a follower: what pg_rewind reported (where the timelines diverged, or
/// that no rewind was needed) and how long it took from the checkpoint on the new primary until it streamed.</summary>
public sealed record RejoinResult(string Member, bool Rewound, string? DivergedAt, TimeSpan Duration, string RewindOutput);
