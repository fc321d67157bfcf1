using StatelessMind.Harness.Measurement;
using StatelessMind.Labs.Consensus.Raft.Simulation;

namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>What a simulation measures: elections won, the term and leader timeline, and commit latency
/// in virtual time (from the leader's Start to the leader's commit of that index).</summary>
public sealed class RaftMetrics(Simulator sim, LatencyRecorder? commitLatency = null) : IRaftObserver
{
    private readonly Dictionary<(int Node, int Index), long> _startedAt = [];
    private readonly List<(double AtMs, int Term)> _terms = [];
    private readonly List<(double AtMs, int Leader, int Term)> _leaders = [];
    private int _maxTerm;

    public LatencyRecorder CommitLatency { get; } = commitLatency ?? new();
    public int ElectionsWon => _leaders.Count;
    public int CandidaciesStarted { get; private set; }

    /// <summary>(virtual ms, highest term any server has reached) at each rise.</summary>
    public IReadOnlyList<(double AtMs, int Term)> TermTimeline => _terms;

    /// <summary>(virtual ms, leader, term) at each election won.</summary>
    public IReadOnlyList<(double AtMs, int Leader, int Term)> LeaderTimeline => _leaders;

    public void TermChanged(RaftNode node)
    {
        if (node.Role == RaftRole.Candidate && node.VotedFor == node.Id) CandidaciesStarted++;
        if (node.CurrentTerm <= _maxTerm) return;
        _maxTerm = node.CurrentTerm;
        _terms.Add((sim.NowMs, _maxTerm));
    }

    public void BecameLeader(RaftNode node) => _leaders.Add((sim.NowMs, node.Id, node.CurrentTerm));

    public void Started(RaftNode node, int index) => _startedAt[(node.Id, index)] = sim.Now;

    public void CommitAdvanced(RaftNode node, int oldCommitIndex)
    {
        if (!node.IsLeader) return;
        for (var i = oldCommitIndex + 1; i <= node.CommitIndex; i++)
            if (_startedAt.Remove((node.Id, i), out var t)) CommitLatency.Record(TimeSpan.FromMicroseconds(sim.Now - t));
    }

    public void LogChanged(RaftNode node, int fromIndex) { }
    public void Applied(RaftNode node, int index, LogEntry entry) { }
    public void SnapshotInstalled(RaftNode node) { }
}
