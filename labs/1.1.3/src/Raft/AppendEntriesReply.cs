namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>
/// The reply to AppendEntries. On success <see cref="MatchIndex"/> is the last index the follower now
/// matches. On a log mismatch the conflict fields let the leader skip a whole term per round trip
/// ("fast backup"): ConflictTerm is the term of the follower's entry at PrevLogIndex (or -1 when its log
/// is too short), ConflictIndex the first index of that term, LogLength the follower's last index + 1.
/// </summary>
public sealed record AppendEntriesReply(int From, int To, int Term, bool Success, int MatchIndex, int PrevLogIndex,
    int ConflictTerm, int ConflictIndex, int LogLength) : RaftMessage(From, To, Term)
{
    public override int SizeInBytes => 29;
    public override int Kind => 4;
}
