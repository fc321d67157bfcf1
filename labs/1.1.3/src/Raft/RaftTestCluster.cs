using System.Buffers.Binary;
using StatelessMind.Labs.Consensus.Raft.Simulation;

namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>
/// The scenarios' harness, in the role of the classic Raft lab's tester (config.go): servers that can be
/// crashed, restarted from their storage, disconnected and reconnected; a service on each server that
/// records applied commands and checks them against the other servers (and, with snapshots on, takes
/// one every <see cref="SnapshotInterval"/> entries); and the tester's helpers — one leader, agreement on
/// a command, how many servers committed an index. Sleeping is running the simulation for a virtual
/// duration, so a scenario that takes seconds of virtual time runs in milliseconds, and its seed replays it.
/// </summary>
public sealed class RaftTestCluster
{
    public const int SnapshotInterval = 10;

    /// <summary>Added to every scenario's seed: RAFT_SEED_OFFSET=1000 reruns the whole suite on other seeds.</summary>
    public static ulong SeedOffset { get; } =
        ulong.TryParse(Environment.GetEnvironmentVariable("RAFT_SEED_OFFSET"), System.Globalization.CultureInfo.InvariantCulture, out var offset) ? offset : 0;

    /// <summary>The lab suite's RaftElectionTimeout: the unit its sleeps and budgets are written in.</summary>
    public const long ElectionTimeout = 1000 * Simulator.Millisecond;

    private readonly RaftNode?[] _nodes;
    private readonly InMemoryStorage[] _storage;
    private readonly Dictionary<int, byte[]>[] _logs;
    private readonly int[] _lastApplied;
    private readonly int[] _incarnation;
    private readonly bool _snapshots;
    private readonly RaftOptions _options;
    private readonly IRaftObserver _observer;
    private readonly List<string> _errors = [];
    private int _maxIndex;
    private (long Time, long Rpcs, long Bytes, int MaxIndex, int Elections, long Events, string Description) _begin;

    public RaftTestCluster(int servers, bool reliable, bool snapshots, ulong seed, RaftOptions? options = null)
    {
        Servers = servers;
        Sim = new Simulator(seed + SeedOffset);
        Network = new SimNetwork(Sim, servers) { Conditions = reliable ? NetworkConditions.Reliable : NetworkConditions.Unreliable };
        Random = Sim.Random.Fork();
        _snapshots = snapshots;
        _options = options ?? new RaftOptions();
        _nodes = new RaftNode?[servers];
        _storage = Enumerable.Range(0, servers).Select(_ => new InMemoryStorage()).ToArray();
        _logs = Enumerable.Range(0, servers).Select(_ => new Dictionary<int, byte[]>()).ToArray();
        _lastApplied = new int[servers];
        _incarnation = new int[servers];
        Checker = new SafetyChecker(Sim, _nodes);
        Metrics = new RaftMetrics(Sim);
        _observer = new ObserverFanout(Checker, Metrics);
        for (var i = 0; i < servers; i++)
        {
            Start1(i);
            Connect(i);
        }
    }

    public int Servers { get; }
    public Simulator Sim { get; }
    public SimNetwork Network { get; }
    public SafetyChecker Checker { get; }
    public RaftMetrics Metrics { get; }

    /// <summary>The scenario's own random choices (which server to crash, which command to send).</summary>
    public SimRandom Random { get; }

    public RaftNode? Node(int i) => _nodes[i];
    public bool IsConnected(int i) => _nodes[i] is not null && Network.IsConnected(i);
    public long RpcTotal => Network.RaftRequests;
    public long BytesTotal => Network.RaftRequestBytes;

    /// <summary>The largest persisted Raft state of any server (the snapshot scenarios' MAXLOGSIZE check).</summary>
    public int LogSize => _storage.Max(s => s.StateSize);

    public void Sleep(long duration) => Sim.RunFor(duration);

    public void SetReliable(bool reliable) =>
        Network.Conditions = (reliable ? NetworkConditions.Reliable : NetworkConditions.Unreliable) with { LongReordering = Network.Conditions.LongReordering };

    public void SetLongReordering(bool on) => Network.Conditions = Network.Conditions with { LongReordering = on };

    public void Disconnect(int i) => Network.Disconnect(i);
    public void Connect(int i) => Network.Connect(i);

    /// <summary>Kills server i: it is cut off and its object dropped; only its storage remains.</summary>
    public void Crash1(int i)
    {
        Disconnect(i);
        if (_nodes[i] is { } node)
        {
            node.Stop();
            Network.Detach(i);
            _nodes[i] = null;
        }
        // Whatever the dead server might still write must not reach the disk its successor reads.
        _storage[i] = _storage[i].Copy();
    }

    /// <summary>Starts (or restarts) server i from its storage. It stays disconnected until <see cref="Connect"/>.</summary>
    public void Start1(int i)
    {
        Crash1(i);
        _logs[i].Clear();
        _lastApplied[i] = 0;
        var incarnation = ++_incarnation[i];
        var node = new RaftNode(i, Servers, Sim, Network, _storage[i], msg => OnApply(i, incarnation, msg), _options, _observer);
        Network.Attach(i, node.Receive);
        _nodes[i] = node;
        Checker.Restarted(node);
    }

    public (int Term, bool IsLeader) GetState(int i) => _nodes[i] is { } n ? (n.CurrentTerm, n.IsLeader) : (0, false);

    public (int Index, int Term, bool IsLeader) Start(int i, byte[] command) => _nodes[i]?.Start(command) ?? (-1, 0, false);

    // ---- the service on each server ----

    private void OnApply(int i, int incarnation, ApplyMsg msg)
    {
        if (_incarnation[i] != incarnation) return;
        if (msg.SnapshotValid)
        {
            IngestSnapshot(i, msg.Snapshot, msg.SnapshotIndex);
            return;
        }
        var index = msg.CommandIndex;
        if (_snapshots && index != _lastApplied[i] + 1)
            Error($"server {i} apply out of order, expected index {_lastApplied[i] + 1}, got {index}");
        for (var j = 0; j < Servers; j++)
            if (_logs[j].TryGetValue(index, out var other) && !other.AsSpan().SequenceEqual(msg.Command))
                Error($"commit index={index} server={i} {Describe(msg.Command)} != server={j} {Describe(other)}");
        if (index > 1 && !_logs[i].ContainsKey(index - 1))
            Error($"server {i} apply out of order {index}");
        _logs[i][index] = msg.Command;
        _lastApplied[i] = index;
        _maxIndex = Math.Max(_maxIndex, index);
        if (_snapshots && (index + 1) % SnapshotInterval == 0)
            _nodes[i]?.Snapshot(index, EncodeSnapshot(i, index));
    }

    private byte[] EncodeSnapshot(int i, int lastIndex)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer))
        {
            w.Write(lastIndex);
            for (var k = 1; k <= lastIndex; k++)
            {
                var cmd = _logs[i].GetValueOrDefault(k) ?? [];
                w.Write(cmd.Length);
                w.Write(cmd);
            }
        }
        return buffer.ToArray();
    }

    private void IngestSnapshot(int i, byte[] snapshot, int index)
    {
        using var r = new BinaryReader(new MemoryStream(snapshot));
        var lastIndex = r.ReadInt32();
        if (lastIndex != index) Error($"server {i}: snapshot says it ends at {lastIndex}, Raft says {index}");
        _logs[i].Clear();
        for (var k = 1; k <= lastIndex; k++) _logs[i][k] = r.ReadBytes(r.ReadInt32());
        _lastApplied[i] = lastIndex;
    }

    private void Error(string message)
    {
        if (_errors.Count < 20) _errors.Add($"{message} (seed {Sim.Seed}, {Sim.NowMs:0} ms)");
    }

    /// <summary>Fails on the first apply error or safety violation, as the lab tester's applier does.</summary>
    public void ThrowIfBroken()
    {
        if (_errors.Count > 0) throw new RaftScenarioFailure(string.Join("; ", _errors));
        if (Checker.Violations.Count > 0) throw new RaftScenarioFailure($"safety violated (seed {Sim.Seed}): {Checker.Violations[0]}");
    }

    // ---- the tester's helpers ----

    /// <summary>Within ten rounds of about half an election timeout, exactly one connected leader in the newest term.</summary>
    public int CheckOneLeader()
    {
        for (var iteration = 0; iteration < 10; iteration++)
        {
            Sleep((450 + Random.Next(100)) * Simulator.Millisecond);
            var leaders = new Dictionary<int, List<int>>();
            for (var i = 0; i < Servers; i++)
                if (IsConnected(i) && GetState(i) is (var term, true))
                    (leaders.TryGetValue(term, out var l) ? l : leaders[term] = []).Add(i);
            foreach (var (term, l) in leaders)
                if (l.Count > 1) throw new RaftScenarioFailure($"term {term} has {l.Count} (>1) leaders (seed {Sim.Seed})");
            if (leaders.Count > 0) return leaders[leaders.Keys.Max()][0];
        }
        throw new RaftScenarioFailure($"expected one leader, got none (seed {Sim.Seed}, {Sim.NowMs:0} ms)");
    }

    /// <summary>Every connected server is in the same term; returns it.</summary>
    public int CheckTerms()
    {
        var term = -1;
        for (var i = 0; i < Servers; i++)
        {
            if (!IsConnected(i)) continue;
            var t = GetState(i).Term;
            if (term == -1) term = t;
            else if (t != term) throw new RaftScenarioFailure($"servers disagree on term: {term} vs {t} (seed {Sim.Seed})");
        }
        return term;
    }

    public void CheckNoLeader()
    {
        for (var i = 0; i < Servers; i++)
            if (IsConnected(i) && GetState(i).IsLeader)
                throw new RaftScenarioFailure($"expected no leader among connected servers, but {i} claims to be leader (seed {Sim.Seed})");
    }

    /// <summary>How many servers have applied index, and the command they agree on (fails if they disagree).</summary>
    public (int Count, byte[]? Command) NCommitted(int index)
    {
        ThrowIfBroken();
        var count = 0;
        byte[]? command = null;
        for (var i = 0; i < Servers; i++)
        {
            if (!_logs[i].TryGetValue(index, out var c)) continue;
            if (count > 0 && !command!.AsSpan().SequenceEqual(c))
                throw new RaftScenarioFailure($"committed values do not match: index {index}, {Describe(command)}, {Describe(c)} (seed {Sim.Seed})");
            count++;
            command = c;
        }
        return (count, command);
    }

    /// <summary>
    /// Gets a command agreed: tries each connected server until one is leader and accepts it, then waits
    /// up to 2 s for <paramref name="expectedServers"/> to apply it at the returned index; retries (if allowed)
    /// for up to 10 s of virtual time.
    /// </summary>
    public int One(byte[] command, int expectedServers, bool retry)
    {
        var t0 = Sim.Now;
        var starts = 0;
        while (Sim.Now - t0 < 10 * Simulator.Second)
        {
            var index = -1;
            for (var si = 0; si < Servers; si++)
            {
                starts = (starts + 1) % Servers;
                if (!IsConnected(starts)) continue;
                var (i, _, ok) = Start(starts, command);
                if (ok)
                {
                    index = i;
                    break;
                }
            }
            if (index != -1)
            {
                var agreed = Sim.RunUntil(() =>
                {
                    var (n, c) = NCommitted(index);
                    return n > 0 && n >= expectedServers && c!.AsSpan().SequenceEqual(command);
                }, Sim.Now + 2 * Simulator.Second);
                ThrowIfBroken();
                if (agreed) return index;
                if (!retry) throw new RaftScenarioFailure($"one({Describe(command)}) failed to reach agreement (seed {Sim.Seed}, {Sim.NowMs:0} ms)");
            }
            else
            {
                Sleep(50 * Simulator.Millisecond);
            }
        }
        throw new RaftScenarioFailure($"one({Describe(command)}) failed to reach agreement in 10 s (seed {Sim.Seed})");
    }

    /// <summary>
    /// Several <see cref="One"/> calls at once (the lab suite runs them in goroutines): every command is
    /// started on a leader, and any not agreed by <paramref name="expectedServers"/> within 2 s is started
    /// again, for up to 10 s of virtual time.
    /// </summary>
    public void OneAll(IReadOnlyList<byte[]> commands, int expectedServers)
    {
        var t0 = Sim.Now;
        var index = new int[commands.Count];
        var startedAt = new long[commands.Count];
        Array.Fill(index, -1);
        bool Agreed(int k)
        {
            if (index[k] < 0) return false;
            var (n, c) = NCommitted(index[k]);
            return n >= expectedServers && c!.AsSpan().SequenceEqual(commands[k]);
        }
        while (Sim.Now - t0 < 10 * Simulator.Second)
        {
            for (var k = 0; k < commands.Count; k++)
            {
                if (Agreed(k) || (index[k] >= 0 && Sim.Now - startedAt[k] < 2 * Simulator.Second)) continue;
                index[k] = -1;
                for (var s = 0; s < Servers && index[k] < 0; s++)
                    if (IsConnected(s) && Start(s, commands[k]) is (var i, _, true))
                        (index[k], startedAt[k]) = (i, Sim.Now);
            }
            if (Sim.RunUntil(() => Enumerable.Range(0, commands.Count).All(Agreed), Sim.Now + 50 * Simulator.Millisecond)) return;
        }
        ThrowIfBroken();
        throw new RaftScenarioFailure($"{Enumerable.Range(0, commands.Count).Count(k => !Agreed(k))} of {commands.Count} concurrent one() calls failed to reach agreement in 10 s (seed {Sim.Seed})");
    }

    /// <summary>Waits for at least n servers to commit index, giving up early (returning null) if a server moves past startTerm.</summary>
    public byte[]? Wait(int index, int n, int startTerm)
    {
        var pause = 10 * Simulator.Millisecond;
        for (var iteration = 0; iteration < 30; iteration++)
        {
            if (NCommitted(index).Count >= n) break;
            Sleep(pause);
            if (pause < Simulator.Second) pause *= 2;
            if (startTerm > -1)
                for (var i = 0; i < Servers; i++)
                    if (_nodes[i] is { } node && node.CurrentTerm > startTerm)
                        return null; // someone moved on: the command may never commit
        }
        var (count, command) = NCommitted(index);
        if (count < n) throw new RaftScenarioFailure($"only {count} decided for index {index}; wanted {n} (seed {Sim.Seed})");
        return command;
    }

    public void Begin(string description)
    {
        _begin = (Sim.Now, RpcTotal, BytesTotal, _maxIndex, Metrics.ElectionsWon, Sim.EventsRun, description);
    }

    /// <summary>Checks that nothing broke and reports what the scenario used since <see cref="Begin"/>.</summary>
    public ScenarioReport End()
    {
        ThrowIfBroken();
        return new ScenarioReport(_begin.Description, (Sim.Now - _begin.Time) / (double)Simulator.Second, Servers, RpcTotal - _begin.Rpcs,
            BytesTotal - _begin.Bytes, _maxIndex - _begin.MaxIndex, Metrics.ElectionsWon - _begin.Elections, Sim.EventsRun - _begin.Events,
            Checker.Violations.Count, Sim.TraceHash);
    }

    // ---- commands ----

    public static byte[] Cmd(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    public byte[] RandomCmd() => Cmd(Random.Next(int.MaxValue));

    public byte[] RandomString(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = (byte)('a' + Random.Next(26));
        return bytes;
    }

    public static string Describe(byte[]? command) => command switch
    {
        null => "nothing",
        { Length: 4 } => BinaryPrimitives.ReadInt32LittleEndian(command).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => $"<{command.Length} bytes>",
    };
}
