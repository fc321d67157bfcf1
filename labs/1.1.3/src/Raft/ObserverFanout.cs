namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>Passes every hook on to several observers, in order.</summary>
public sealed class ObserverFanout(params IRaftObserver[] observers) : IRaftObserver
{
    public void TermChanged(RaftNode node) { foreach (var o in observers) o.TermChanged(node); }
    public void BecameLeader(RaftNode node) { foreach (var o in observers) o.BecameLeader(node); }
    public void LogChanged(RaftNode node, int fromIndex) { foreach (var o in observers) o.LogChanged(node, fromIndex); }
    public void CommitAdvanced(RaftNode node, int oldCommitIndex) { foreach (var o in observers) o.CommitAdvanced(node, oldCommitIndex); }
    public void Applied(RaftNode node, int index, LogEntry entry) { foreach (var o in observers) o.Applied(node, index, entry); }
    public void SnapshotInstalled(RaftNode node) { foreach (var o in observers) o.SnapshotInstalled(node); }
    public void Started(RaftNode node, int index) { foreach (var o in observers) o.Started(node, index); }
}
