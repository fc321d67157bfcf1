using StatelessMind.Labs.Consensus.Raft.Simulation;

namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>
/// Checks the safety properties of Raft (Figure 3 of the paper) as the servers change, inside the
/// event that changed them, plus a sweep after every event:
/// <list type="bullet">
/// <item>Election safety: at most one leader per term.</item>
/// <item>Log matching: two logs with an entry of the same index and term are identical up to it —
/// checked with a hash chain over each log (the hash at index i covers entries 1..i).</item>
/// <item>Leader completeness: a leader's log holds every entry committed before (or while) it leads.</item>
/// <item>State machine safety: no two servers apply different commands at one index; commit indexes never go back.</item>
/// </list>
/// Costs are proportional to what changed, so the checks can run on every event of long simulations.
/// </summary>
public sealed class SafetyChecker : IRaftObserver
{
    private readonly Simulator _sim;
    private readonly Dictionary<int, int> _leaderOfTerm = [];
    private readonly Dictionary<(int Index, int Term), ulong> _chainAt = [];
    private readonly List<ulong> _committedChain = [0UL];
    private readonly List<int> _committedTerm = [0];
    private readonly List<ulong> _appliedCommand = [0UL];
    private readonly Dictionary<int, List<ulong>> _chains = [];
    private readonly Dictionary<int, int> _lastCommit = [];
    private readonly List<SafetyViolation> _violations = [];
    private readonly RaftNode?[] _nodes;

    /// <param name="nodes">The cluster's server slots (null while a server is down), read on every check.</param>
    public SafetyChecker(Simulator sim, RaftNode?[] nodes)
    {
        _sim = sim;
        _nodes = nodes;
        sim.AfterEachEvent(AfterEvent);
    }

    public IReadOnlyList<SafetyViolation> Violations => _violations;
    public int HighestCommitted => _committedChain.Count - 1;
    public long EventsChecked { get; private set; }

    /// <summary>Distinct (term, leader) pairs seen: the elections won.</summary>
    public int ElectionsWon => _leaderOfTerm.Count;

    private void Fail(string property, string detail)
    {
        if (_violations.Count < 100) _violations.Add(new SafetyViolation(property, detail, _sim.NowMs, _sim.EventsRun));
    }

    public void TermChanged(RaftNode node) { }

    public void BecameLeader(RaftNode node)
    {
        if (_leaderOfTerm.TryGetValue(node.CurrentTerm, out var other) && other != node.Id)
            Fail("election safety", $"S{other} and S{node.Id} both lead term {node.CurrentTerm}");
        _leaderOfTerm[node.CurrentTerm] = node.Id;
        var committed = HighestCommitted;
        if (node.LastLogIndex < committed || ChainOf(node)[committed] != _committedChain[committed])
            Fail("leader completeness", $"S{node.Id} leads term {node.CurrentTerm} without committed entry {committed} (log ends at {node.LastLogIndex})");
    }

    public void LogChanged(RaftNode node, int fromIndex)
    {
        // Rebuild the hash chain of this server's log from the first changed index and compare each
        // (index, term) with what any other log holding that entry had: log matching in O(changed entries).
        var chain = ChainOf(node);
        if (chain.Count > fromIndex) chain.RemoveRange(fromIndex, chain.Count - fromIndex);
        if (chain.Count < fromIndex)
        {
            Fail("internal", $"S{node.Id}: log changed from {fromIndex} but only {chain.Count - 1} entries are known to the checker");
            return;
        }
        for (var i = fromIndex; i <= node.LastLogIndex; i++)
        {
            var entry = node.EntryAt(i);
            var h = Chain(chain[i - 1], entry.Term, entry.Command);
            chain.Add(h);
            if (_chainAt.TryGetValue((i, entry.Term), out var seen))
            {
                if (seen != h) Fail("log matching", $"S{node.Id} holds entry ({i}, term {entry.Term}) with a different log before it");
            }
            else
            {
                _chainAt[(i, entry.Term)] = h;
            }
        }
        // A server only rewrites its log at a conflict, and nothing it knows to be committed may conflict.
        if (fromIndex <= node.CommitIndex)
            Fail("state machine safety", $"S{node.Id} overwrote entry {fromIndex}, which it had committed (commit index {node.CommitIndex})");
    }

    public void CommitAdvanced(RaftNode node, int oldCommitIndex)
    {
        var chain = ChainOf(node);
        if (node.CommitIndex > node.LastLogIndex)
        {
            Fail("commit", $"S{node.Id} commit index {node.CommitIndex} beyond its log ({node.LastLogIndex})");
            return;
        }
        for (var i = oldCommitIndex + 1; i <= node.CommitIndex; i++)
        {
            if (i < _committedChain.Count)
            {
                if (_committedChain[i] != chain[i]) Fail("state machine safety", $"S{node.Id} committed a different entry at index {i}");
                continue;
            }
            _committedChain.Add(chain[i]);
            _committedTerm.Add(node.TermAt(i));
            // The entry is committed in the committing server's term; a leader of any later term must already hold it.
            // (A stale leader of an earlier term, cut off from the rest, need not.)
            foreach (var leader in _nodes)
                if (leader is { IsLeader: true } && leader.CurrentTerm > node.CurrentTerm && (leader.LastLogIndex < i || ChainOf(leader)[i] != chain[i]))
                    Fail("leader completeness", $"S{leader.Id} leads term {leader.CurrentTerm} without entry {i} just committed by S{node.Id}");
        }
    }

    public void Applied(RaftNode node, int index, LogEntry entry)
    {
        var h = Chain(0, entry.Term, entry.Command);
        while (_appliedCommand.Count <= index) _appliedCommand.Add(0UL);
        if (_appliedCommand[index] == 0UL) _appliedCommand[index] = h;
        else if (_appliedCommand[index] != h) Fail("state machine safety", $"S{node.Id} applied a different command at index {index}");
        if (index >= _committedChain.Count) Fail("state machine safety", $"S{node.Id} applied index {index}, which is not committed");
    }

    public void SnapshotInstalled(RaftNode node)
    {
        // A snapshot holds committed entries only: the server's log now starts from the committed prefix.
        var chain = ChainOf(node);
        chain.Clear();
        var index = node.BaseIndex;
        if (index >= _committedChain.Count)
        {
            Fail("state machine safety", $"S{node.Id} installed a snapshot through {index}, beyond the committed {HighestCommitted}");
            return;
        }
        if (_committedTerm[index] != node.BaseTerm)
            Fail("state machine safety", $"S{node.Id} installed a snapshot ending in term {node.BaseTerm} at {index}; the committed entry there has term {_committedTerm[index]}");
        chain.AddRange(_committedChain.Take(index + 1));
        if (node.LastLogIndex > index) LogChanged(node, index + 1);
    }

    public void Started(RaftNode node, int index) { }

    /// <summary>Called when a server restarts from its storage: its chain is rebuilt from the committed prefix and its log.</summary>
    public void Restarted(RaftNode node)
    {
        _chains[node.Id] = [];
        SnapshotInstalled(node);
        _lastCommit[node.Id] = node.CommitIndex;
    }

    private void AfterEvent()
    {
        EventsChecked++;
        foreach (var node in _nodes)
        {
            if (node is null) continue;
            var last = _lastCommit.GetValueOrDefault(node.Id);
            if (node.CommitIndex < last) Fail("commit", $"S{node.Id} commit index went back from {last} to {node.CommitIndex}");
            _lastCommit[node.Id] = node.CommitIndex;
            if (node.IsLeader && _leaderOfTerm.GetValueOrDefault(node.CurrentTerm, node.Id) != node.Id)
                Fail("election safety", $"S{node.Id} leads term {node.CurrentTerm}, which S{_leaderOfTerm[node.CurrentTerm]} won");
        }
    }

    private List<ulong> ChainOf(RaftNode node)
    {
        if (!_chains.TryGetValue(node.Id, out var chain)) _chains[node.Id] = chain = [0UL];
        return chain;
    }

    private static ulong Chain(ulong previous, int term, byte[] command)
    {
        var h = (previous ^ 0x9E3779B97F4A7C15UL) * 1099511628211UL;
        h = (h ^ (uint)term) * 1099511628211UL;
        foreach (var b in command) h = (h ^ b) * 1099511628211UL;
        return h ^ (h >> 29);
    }
}
