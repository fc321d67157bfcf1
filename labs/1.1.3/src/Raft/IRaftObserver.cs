namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>
/// Hooks a server calls at each change of its state, within the event that caused it: the safety
/// checkers and the metrics listen here, so every property is checked right after every event.
/// </summary>
public interface IRaftObserver
{
    void TermChanged(RaftNode node);
    void BecameLeader(RaftNode node);

    /// <summary>Entries from <paramref name="fromIndex"/> on were appended or overwritten.</summary>
    void LogChanged(RaftNode node, int fromIndex);

    void CommitAdvanced(RaftNode node, int oldCommitIndex);
    void Applied(RaftNode node, int index, LogEntry entry);

    /// <summary>The server replaced its log prefix with a snapshot it received (InstallSnapshot).</summary>
    void SnapshotInstalled(RaftNode node);

    /// <summary>The leader accepted a command at <paramref name="index"/>.</summary>
    void Started(RaftNode node, int index);
}
