namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>AppendEntries RPC (§5.3): heartbeats when <see cref="Entries"/> is empty.</summary>
public sealed record AppendEntriesArgs(int From, int To, int Term, int PrevLogIndex, int PrevLogTerm, IReadOnlyList<LogEntry> Entries, int LeaderCommit)
    : RaftMessage(From, To, Term)
{
    public override int SizeInBytes => 20 + Entries.Sum(e => e.SizeInBytes);
    public override bool IsRaftRequest => true;
    public override int Kind => 3;
}
