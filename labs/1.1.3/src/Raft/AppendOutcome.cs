namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>What a follower's log did with an AppendEntries: matched (and maybe changed from <paramref name="ChangedFrom"/>,
/// -1 when nothing changed), or refused with the conflict hint the leader backs up with.</summary>
/// <param name="Success">The entry before the new ones matched the leader's.</param>
/// <param name="ConflictTerm">On a refusal: the term found at the leader's previous index, or -1 when the log is too short there.</param>
/// <param name="ConflictIndex">On a refusal: the first index of <paramref name="ConflictTerm"/>, or the log's length when it is -1.</param>
/// <param name="ChangedFrom">The first index appended or overwritten, or -1.</param>
internal readonly record struct AppendOutcome(bool Success, int ConflictTerm, int ConflictIndex, int ChangedFrom);
