using StatelessMind.Labs.Consensus.Raft.Simulation;

namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>
/// One Raft server (Ongaro and Ousterhout, "In Search of an Understandable Consensus Algorithm",
/// extended version): leader election (§5.2), log replication (§5.3), the election restriction and the
/// commit rule (§5.4), persistence of term, vote and log before answering, and log compaction with
/// InstallSnapshot (§7). It runs inside the <see cref="Simulator"/>: its timers are simulator events and
/// its RPCs are messages on the <see cref="SimNetwork"/>, so it has no threads and no locks.
/// <para>The log is kept from the last snapshot on: position 0 holds a sentinel for index
/// <see cref="BaseIndex"/> (the snapshot's last index) with term <see cref="BaseTerm"/>.</para>
/// </summary>
public sealed class RaftNode
{
    private readonly int _peers;
    private readonly Simulator _sim;
    private readonly SimNetwork _network;
    private readonly IRaftStorage _storage;
    private readonly Action<ApplyMsg> _apply;
    private readonly RaftOptions _options;
    private readonly IRaftObserver? _observer;
    private readonly SimRandom _random;

    // Persistent state (saved before any reply or RPC that depends on it).
    private int _currentTerm;
    private int _votedFor = -1;
    private List<LogEntry> _log = [new LogEntry(0, [])];
    private int _baseIndex;

    // Volatile state.
    private int _commitIndex;
    private int _lastApplied;
    private readonly int[] _nextIndex;
    private readonly int[] _matchIndex;
    private readonly HashSet<int> _votes = [];
    private ScheduledEvent? _electionTimer;
    private ScheduledEvent? _heartbeatTimer;
    private ScheduledEvent? _batch;
    private bool _applying;

    public RaftNode(int id, int peers, Simulator sim, SimNetwork network, IRaftStorage storage, Action<ApplyMsg> apply,
        RaftOptions? options = null, IRaftObserver? observer = null)
    {
        Id = id;
        _peers = peers;
        _sim = sim;
        _network = network;
        _storage = storage;
        _apply = apply;
        _options = options ?? new RaftOptions();
        _observer = observer;
        _random = sim.Random.Fork();
        _nextIndex = new int[peers];
        _matchIndex = new int[peers];
        Restore();
        if (_baseIndex > 0)
        {
            // A restarted server hands its service the snapshot first, then applies the log above it.
            var snapshot = _storage.ReadSnapshot() ?? [];
            var (index, term) = (_baseIndex, BaseTerm);
            _sim.After(0, () =>
            {
                if (IsStopped || _lastApplied > index) return;
                _apply(new ApplyMsg { SnapshotValid = true, Snapshot = snapshot, SnapshotIndex = index, SnapshotTerm = term });
            });
        }
        ResetElectionTimer();
    }

    public int Id { get; }
    public int CurrentTerm => _currentTerm;
    public int VotedFor => _votedFor;
    public RaftRole Role { get; private set; }
    public int CommitIndex => _commitIndex;
    public int LastApplied => _lastApplied;
    public int BaseIndex => _baseIndex;
    public int BaseTerm => _log[0].Term;
    public int LastLogIndex => _baseIndex + _log.Count - 1;
    public int LastLogTerm => _log[^1].Term;
    public bool IsStopped { get; private set; }
    public bool IsLeader => Role == RaftRole.Leader && !IsStopped;

    /// <summary>The term of the entry at an index from <see cref="BaseIndex"/> to <see cref="LastLogIndex"/>.</summary>
    public int TermAt(int index) => _log[index - _baseIndex].Term;

    /// <summary>The entry at an index above <see cref="BaseIndex"/>.</summary>
    public LogEntry EntryAt(int index) => index > _baseIndex && index <= LastLogIndex
        ? _log[index - _baseIndex]
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"server {Id} holds entries {_baseIndex + 1}..{LastLogIndex}");

    /// <summary>Proposes a command. Returns its index and term if this server believes it leads (no promise it will commit).</summary>
    public (int Index, int Term, bool IsLeader) Start(byte[] command)
    {
        if (!IsLeader) return (-1, _currentTerm, false);
        _log.Add(new LogEntry(_currentTerm, command));
        Persist();
        var index = LastLogIndex;
        _matchIndex[Id] = index;
        _observer?.LogChanged(this, index);
        _observer?.Started(this, index);
        // Replicate soon, once: commands started in the same instant share one AppendEntries.
        _batch ??= _sim.After(_options.BatchDelay, () =>
        {
            _batch = null;
            if (IsLeader) BroadcastAppendEntries();
        });
        return (index, _currentTerm, true);
    }

    /// <summary>The service has a snapshot of its state through <paramref name="index"/>: drop the log up to there (§7).</summary>
    public void Snapshot(int index, byte[] snapshot)
    {
        if (IsStopped || index <= _baseIndex || index > _lastApplied) return;
        var term = TermAt(index);
        _log = [new LogEntry(term, []), .. _log.Skip(index - _baseIndex + 1)];
        _baseIndex = index;
        Persist(snapshot);
    }

    /// <summary>Starts an election now, as if the election timer had fired (etcd's raft calls this Campaign):
    /// lets a scenario decide who runs first, as the paper's Figure 8 does.</summary>
    public void Campaign()
    {
        if (!IsStopped && Role != RaftRole.Leader) StartElection();
    }

    /// <summary>The server crashes: timers stop, nothing more is sent or received. Only its storage remains.</summary>
    public void Stop()
    {
        IsStopped = true;
        _electionTimer?.Cancel();
        _heartbeatTimer?.Cancel();
        _batch?.Cancel();
    }

    /// <summary>Handles a Raft message from the network (the host attaches this to the server's endpoint).</summary>
    public void Receive(SimMessage message)
    {
        if (IsStopped) return;
        if (message is RaftMessage m && m.Term > _currentTerm) StepDown(m.Term);
        switch (message)
        {
            case RequestVoteArgs a: OnRequestVote(a); break;
            case RequestVoteReply r: OnRequestVoteReply(r); break;
            case AppendEntriesArgs a: OnAppendEntries(a); break;
            case AppendEntriesReply r: OnAppendEntriesReply(r); break;
            case InstallSnapshotArgs a: OnInstallSnapshot(a); break;
            case InstallSnapshotReply r: OnInstallSnapshotReply(r); break;
        }
    }

    // ---- Leader election (§5.2, §5.4.1) ----

    private void ResetElectionTimer()
    {
        _electionTimer?.Cancel();
        var timeout = _random.NextLong(_options.ElectionTimeoutMin, _options.ElectionTimeoutMax);
        _electionTimer = _sim.After(timeout, OnElectionTimeout);
    }

    private void OnElectionTimeout()
    {
        if (IsStopped) return;
        if (Role == RaftRole.Leader)
        {
            ResetElectionTimer();
            return;
        }
        StartElection();
    }

    private void StartElection()
    {
        Role = RaftRole.Candidate;
        _currentTerm++;
        _votedFor = Id;
        Persist();
        _observer?.TermChanged(this);
        _votes.Clear();
        _votes.Add(Id);
        ResetElectionTimer();
        if (_votes.Count > _peers / 2)
        {
            BecomeLeader();
            return;
        }
        for (var p = 0; p < _peers; p++)
            if (p != Id) _network.Send(new RequestVoteArgs(Id, p, _currentTerm, LastLogIndex, LastLogTerm));
    }

    private void OnRequestVote(RequestVoteArgs a)
    {
        // Planted bug (ProtocolBug.VoteWithoutLogCheck): the voter is shown a candidate whose log beats any log,
        // so the up-to-date check of §5.4.1 can never refuse. The rule itself is in GrantVote.
        var (lastTerm, lastIndex) = _options.Bug == ProtocolBug.VoteWithoutLogCheck ? (int.MaxValue, int.MaxValue) : (a.LastLogTerm, a.LastLogIndex);
        var granted = GrantVote(a.From, a.Term, lastTerm, lastIndex);
        _network.Send(new RequestVoteReply(Id, a.From, _currentTerm, granted));
    }

    /// <summary>RequestVote's receiver rule (Figure 2, §5.4.1), after a higher term has already been adopted:
    /// grant at most one vote per term, only to a candidate of the current term whose log is at least as up to
    /// date as this one's; a granted vote is persisted before the reply and restarts the election timer.</summary>
    internal bool GrantVote(int candidate, int term, int candidateLastLogTerm, int candidateLastLogIndex)
    {
        #region Exercise 1.1.3-3a: grant a vote at most once per term, and only to a candidate whose log is at least as up to date (tests: ElectionScenarioTests, RaftNodeElectionTests)
        var upToDate = candidateLastLogTerm > LastLogTerm || (candidateLastLogTerm == LastLogTerm && candidateLastLogIndex >= LastLogIndex);
        if (term != _currentTerm || (_votedFor != -1 && _votedFor != candidate) || !upToDate) return false;
        _votedFor = candidate;
        Persist();
        ResetElectionTimer();
        return true;
        #endregion
    }

    private void OnRequestVoteReply(RequestVoteReply r)
    {
        if (Role != RaftRole.Candidate || r.Term != _currentTerm || !r.VoteGranted) return;
        _votes.Add(r.From);
        if (_votes.Count > _peers / 2) BecomeLeader();
    }

    private void BecomeLeader()
    {
        Role = RaftRole.Leader;
        Array.Fill(_nextIndex, LastLogIndex + 1);
        Array.Clear(_matchIndex);
        _matchIndex[Id] = LastLogIndex;
        _observer?.BecameLeader(this);
        BroadcastAppendEntries();
    }

    /// <summary>A higher term was seen: adopt it and follow (§5.1).</summary>
    private void StepDown(int term)
    {
        _currentTerm = term;
        _votedFor = -1;
        Persist();
        _observer?.TermChanged(this);
        BecomeFollower();
    }

    private void BecomeFollower()
    {
        Role = RaftRole.Follower;
        _heartbeatTimer?.Cancel();
        _heartbeatTimer = null;
    }

    // ---- Log replication (§5.3) ----

    private void BroadcastAppendEntries()
    {
        _heartbeatTimer?.Cancel();
        for (var p = 0; p < _peers; p++)
            if (p != Id) SendAppendEntries(p);
        _heartbeatTimer = _sim.After(_options.HeartbeatInterval, () =>
        {
            if (IsLeader) BroadcastAppendEntries();
        });
    }

    private void SendAppendEntries(int peer)
    {
        if (_nextIndex[peer] <= _baseIndex)
        {
            // The entries this follower needs are compacted away: send the snapshot instead (§7).
            _network.Send(new InstallSnapshotArgs(Id, peer, _currentTerm, _baseIndex, BaseTerm, _storage.ReadSnapshot() ?? []));
            return;
        }
        var prev = _nextIndex[peer] - 1;
        var count = Math.Min(LastLogIndex - prev, _options.MaxEntriesPerRpc);
        var entries = _log.GetRange(prev + 1 - _baseIndex, count);
        _network.Send(new AppendEntriesArgs(Id, peer, _currentTerm, prev, TermAt(prev), entries, _commitIndex));
    }

    private void OnAppendEntries(AppendEntriesArgs a)
    {
        if (a.Term < _currentTerm)
        {
            _network.Send(new AppendEntriesReply(Id, a.From, _currentTerm, false, 0, a.PrevLogIndex, -1, 0, 0));
            return;
        }
        if (Role != RaftRole.Follower) BecomeFollower(); // a candidate of this term lost to this leader
        ResetElectionTimer();

        var prev = a.PrevLogIndex;
        var prevTerm = a.PrevLogTerm;
        IReadOnlyList<LogEntry> entries = a.Entries;
        if (prev < _baseIndex)
        {
            // Everything up to the snapshot is committed and already here: skip that part.
            var skip = _baseIndex - prev;
            if (skip >= entries.Count)
            {
                _network.Send(new AppendEntriesReply(Id, a.From, _currentTerm, true, prev + entries.Count, a.PrevLogIndex, 0, 0, 0));
                return;
            }
            entries = entries.Skip(skip).ToList();
            prev = _baseIndex;
            prevTerm = BaseTerm;
        }

        var outcome = MatchAndAppend(prev, prevTerm, entries);
        if (outcome.ChangedFrom >= 0)
        {
            Persist(); // before the reply: the leader counts this follower's copy once it hears success
            _observer?.LogChanged(this, outcome.ChangedFrom);
        }
        if (!outcome.Success)
        {
            _network.Send(new AppendEntriesReply(Id, a.From, _currentTerm, false, 0, a.PrevLogIndex, outcome.ConflictTerm, outcome.ConflictIndex, LastLogIndex + 1));
            return;
        }
        var match = prev + entries.Count;
        // Commit only what this message proved to match the leader's log.
        if (a.LeaderCommit > _commitIndex) AdvanceCommitIndex(Math.Min(a.LeaderCommit, match));
        _network.Send(new AppendEntriesReply(Id, a.From, _currentTerm, true, match, a.PrevLogIndex, 0, 0, 0));
    }

    /// <summary>
    /// The follower's side of AppendEntries (§5.3), for <paramref name="prev"/> at or above <see cref="BaseIndex"/>:
    /// the consistency check on the entry before the new ones, then the append. On a mismatch it returns the
    /// conflict hint for fast backup: ConflictTerm -1 and ConflictIndex = last index + 1 when the log is too short,
    /// else the term found at <paramref name="prev"/> and the first index of that term. On a match it appends what
    /// is missing and truncates only at a real conflict (never because of a late or duplicated message), returning
    /// the first index it changed (-1 when nothing changed).
    /// </summary>
    internal AppendOutcome MatchAndAppend(int prev, int prevTerm, IReadOnlyList<LogEntry> entries)
    {
        #region Exercise 1.1.3-3b: the consistency check with the conflict hint, then append, truncating only at a real conflict (tests: AgreementScenarioTests, RaftNodeReplicationTests)
        if (prev > LastLogIndex) return new AppendOutcome(false, -1, LastLogIndex + 1, -1);
        if (TermAt(prev) != prevTerm)
        {
            var conflictTerm = TermAt(prev);
            var first = prev;
            while (first - 1 > _baseIndex && TermAt(first - 1) == conflictTerm) first--;
            return new AppendOutcome(false, conflictTerm, first, -1);
        }
        for (var j = 0; j < entries.Count; j++)
        {
            var index = prev + 1 + j;
            if (index <= LastLogIndex)
            {
                if (TermAt(index) == entries[j].Term) continue; // already there (a duplicate or late message)
                _log.RemoveRange(index - _baseIndex, LastLogIndex - index + 1);
            }
            _log.AddRange(entries.Skip(j));
            return new AppendOutcome(true, 0, 0, index);
        }
        return new AppendOutcome(true, 0, 0, -1);
        #endregion
    }

    private void OnAppendEntriesReply(AppendEntriesReply r)
    {
        if (!IsLeader || r.Term != _currentTerm) return;
        var f = r.From;
        if (r.Success)
        {
            if (r.MatchIndex <= _matchIndex[f]) return; // a heartbeat's or a duplicate's reply: no progress
            _matchIndex[f] = r.MatchIndex;
            _nextIndex[f] = Math.Max(_nextIndex[f], r.MatchIndex + 1);
            LeaderCommit();
            // More to send (a long backlog after a repair): keep the pipe full rather than wait for a heartbeat.
            if (_nextIndex[f] <= LastLogIndex && _batch is null) SendAppendEntries(f);
            return;
        }
        if (r.PrevLogIndex != _nextIndex[f] - 1) return; // a reply to an older probe
        int next;
        if (r.ConflictTerm == -1)
        {
            next = r.LogLength;
        }
        else
        {
            var last = -1;
            for (var i = Math.Min(LastLogIndex, r.PrevLogIndex); i > _baseIndex; i--)
            {
                if (TermAt(i) == r.ConflictTerm) { last = i; break; }
                if (TermAt(i) < r.ConflictTerm) break;
            }
            next = last > 0 ? last + 1 : r.ConflictIndex;
        }
        _nextIndex[f] = Math.Clamp(next, _matchIndex[f] + 1, LastLogIndex + 1);
        SendAppendEntries(f);
    }

    private void LeaderCommit()
    {
        // Planted bug (ProtocolBug.CommitEntriesOfEarlierTerms): the naive rule of Figure 8 instead of the paper's.
        var n = _options.Bug == ProtocolBug.CommitEntriesOfEarlierTerms ? HighestIndexOnMajority() : HighestCommittableIndex();
        if (n > _commitIndex) AdvanceCommitIndex(n);
    }

    /// <summary>The commit rule (§5.3, §5.4.2): the highest index N above the commit index whose entry is of the
    /// current term and is stored on a majority (the leader counts itself through its own match index); committing
    /// it commits every entry before it. Entries of earlier terms are never committed by counting replicas.
    /// Returns the commit index itself when no such N exists.</summary>
    internal int HighestCommittableIndex()
    {
        #region Exercise 1.1.3-3b: the leader's commit rule, including the Figure 8 restriction (tests: AgreementScenarioTests, Figure8CaseTests, RaftNodeReplicationTests)
        for (var n = LastLogIndex; n > _commitIndex && n > _baseIndex; n--)
        {
            if (TermAt(n) != _currentTerm) break; // terms only decrease going back: no entry of this term below here
            var replicas = 0;
            for (var p = 0; p < _peers; p++)
                if (_matchIndex[p] >= n) replicas++;
            if (replicas > _peers / 2) return n;
        }
        return _commitIndex;
        #endregion
    }

    /// <summary>The unsafe rule that Figure 8 refutes, kept for <see cref="ProtocolBug.CommitEntriesOfEarlierTerms"/>:
    /// the highest index stored on a majority, whatever its term.</summary>
    private int HighestIndexOnMajority()
    {
        for (var n = LastLogIndex; n > _commitIndex && n > _baseIndex; n--)
        {
            var replicas = 0;
            for (var p = 0; p < _peers; p++)
                if (_matchIndex[p] >= n) replicas++;
            if (replicas > _peers / 2) return n;
        }
        return _commitIndex;
    }

    private void AdvanceCommitIndex(int index)
    {
        if (index <= _commitIndex) return;
        var old = _commitIndex;
        _commitIndex = index;
        _observer?.CommitAdvanced(this, old);
        ApplyCommitted();
    }

    private void ApplyCommitted()
    {
        if (_applying) return; // the service may call back (Snapshot) while we deliver
        _applying = true;
        try
        {
            while (_lastApplied < _commitIndex && !IsStopped)
            {
                var index = _lastApplied + 1;
                var entry = EntryAt(index);
                _lastApplied = index;
                _observer?.Applied(this, index, entry);
                _apply(new ApplyMsg { CommandValid = true, Command = entry.Command, CommandIndex = index, CommandTerm = entry.Term });
            }
        }
        finally
        {
            _applying = false;
        }
    }

    // ---- Log compaction (§7) ----

    private void OnInstallSnapshot(InstallSnapshotArgs a)
    {
        if (a.Term < _currentTerm)
        {
            _network.Send(new InstallSnapshotReply(Id, a.From, _currentTerm, 0));
            return;
        }
        if (Role != RaftRole.Follower) BecomeFollower();
        ResetElectionTimer();
        if (InstallSnapshot(a.LastIncludedIndex, a.LastIncludedTerm, a.Data))
        {
            _observer?.SnapshotInstalled(this);
            _apply(new ApplyMsg { SnapshotValid = true, Snapshot = a.Data, SnapshotIndex = a.LastIncludedIndex, SnapshotTerm = a.LastIncludedTerm });
        }
        _network.Send(new InstallSnapshotReply(Id, a.From, _currentTerm, a.LastIncludedIndex));
    }

    /// <summary>
    /// The follower's side of InstallSnapshot (§7): a snapshot that reaches beyond the commit index replaces the log
    /// up to its last included entry. Entries after it are kept only when the log holds that very entry (same index
    /// and term); otherwise the whole log goes. The snapshot and the new log are persisted together, and the commit
    /// and applied indexes move to the snapshot's end. Returns false (changing nothing) for a snapshot that is
    /// not ahead of what this server has committed.
    /// </summary>
    internal bool InstallSnapshot(int lastIncludedIndex, int lastIncludedTerm, byte[] data)
    {
        #region Exercise 1.1.3-3d: install a leader's snapshot, keeping the log after it only where it matches (tests: SnapshotScenarioTests, RaftNodeSnapshotTests)
        if (lastIncludedIndex <= _commitIndex) return false;
        var keep = lastIncludedIndex <= LastLogIndex && lastIncludedIndex > _baseIndex && TermAt(lastIncludedIndex) == lastIncludedTerm
            ? _log.Skip(lastIncludedIndex - _baseIndex + 1).ToList()
            : [];
        _log = [new LogEntry(lastIncludedTerm, []), .. keep];
        _baseIndex = lastIncludedIndex;
        Persist(data);
        _commitIndex = lastIncludedIndex;
        _lastApplied = lastIncludedIndex;
        return true;
        #endregion
    }

    private void OnInstallSnapshotReply(InstallSnapshotReply r)
    {
        if (!IsLeader || r.Term != _currentTerm) return;
        var f = r.From;
        _matchIndex[f] = Math.Max(_matchIndex[f], r.LastIncludedIndex);
        _nextIndex[f] = Math.Max(_nextIndex[f], r.LastIncludedIndex + 1);
        LeaderCommit();
        if (_nextIndex[f] <= LastLogIndex) SendAppendEntries(f);
    }

    // ---- Persistence ----

    private void Persist(byte[]? snapshot = null) => _storage.Save(EncodeState(), snapshot);

    /// <summary>The persistent state of Figure 2 — current term, vote, the log (from <see cref="BaseIndex"/> on, with the
    /// base index itself) — as bytes that <see cref="DecodeState"/> reads back exactly.</summary>
    internal byte[] EncodeState()
    {
        #region Exercise 1.1.3-3c: encode term, vote and log so that a restarted server reads back exactly what it promised (tests: PersistenceScenarioTests, RaftNodePersistenceTests)
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer))
        {
            w.Write(_currentTerm);
            w.Write(_votedFor);
            w.Write(_baseIndex);
            w.Write(_log.Count);
            foreach (var e in _log)
            {
                w.Write(e.Term);
                w.Write(e.Command.Length);
                w.Write(e.Command);
            }
        }
        return buffer.ToArray();
        #endregion
    }

    /// <summary>Sets term, vote, base index and log from bytes written by <see cref="EncodeState"/>.</summary>
    internal void DecodeState(byte[] state)
    {
        #region Exercise 1.1.3-3c: decode the persisted term, vote and log (tests: PersistenceScenarioTests, RaftNodePersistenceTests)
        using var r = new BinaryReader(new MemoryStream(state));
        _currentTerm = r.ReadInt32();
        _votedFor = r.ReadInt32();
        _baseIndex = r.ReadInt32();
        var count = r.ReadInt32();
        _log = new List<LogEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var term = r.ReadInt32();
            _log.Add(new LogEntry(term, r.ReadBytes(r.ReadInt32())));
        }
        #endregion
    }

    private void Restore()
    {
        if (_storage.ReadState() is not { Length: > 0 } state) return;
        DecodeState(state);
        // Everything in the snapshot was committed and applied before it was taken.
        _commitIndex = _lastApplied = _baseIndex;
    }

    public override string ToString() =>
        $"S{Id} {Role} term {_currentTerm} log {_baseIndex + 1}..{LastLogIndex} commit {_commitIndex} applied {_lastApplied}";
}
