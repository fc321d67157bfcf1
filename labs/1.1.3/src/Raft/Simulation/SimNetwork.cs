namespace StatelessMind.Labs.Consensus.Raft.Simulation;

/// <summary>
/// The simulated network: endpoints 0..servers-1 are servers, the rest clients. Each message gets a
/// random delay (which reorders them), may be dropped or duplicated, and is delivered only if its two
/// ends can reach each other both when it is sent and when it arrives, and the receiver has not
/// crashed in between (a restarted server does not receive what was sent to its previous life).
/// Servers in different partition groups cannot reach each other; clients reach every server.
/// </summary>
public sealed class SimNetwork
{
    private readonly Simulator _sim;
    private readonly SimRandom _random;
    private readonly int[] _group;
    private readonly int[] _incarnation;
    private readonly Action<SimMessage>?[] _handlers;

    public SimNetwork(Simulator sim, int servers, int clients = 0)
    {
        _sim = sim;
        _random = sim.Random.Fork();
        Servers = servers;
        _group = new int[servers];
        _incarnation = new int[servers + clients];
        _handlers = new Action<SimMessage>?[servers + clients];
    }

    public int Servers { get; }
    public NetworkConditions Conditions { get; set; } = NetworkConditions.Reliable;

    /// <summary>Raft requests sent (RequestVote, AppendEntries, InstallSnapshot), as the RPC budgets count them.</summary>
    public long RaftRequests { get; private set; }

    /// <summary>Bytes of the Raft requests sent.</summary>
    public long RaftRequestBytes { get; private set; }

    public long MessagesSent { get; private set; }
    public long MessagesDelivered { get; private set; }
    public long MessagesDropped { get; private set; }
    public long MessagesDuplicated { get; private set; }

    /// <summary>Called for every message sent (before loss is decided): for tracing and per-kind counts.</summary>
    public Action<SimMessage>? MessageSent { get; set; }

    public void Attach(int endpoint, Action<SimMessage> handler) => _handlers[endpoint] = handler;

    /// <summary>The endpoint crashed: it receives nothing more, and nothing already in flight to it.</summary>
    public void Detach(int endpoint)
    {
        _handlers[endpoint] = null;
        _incarnation[endpoint]++;
    }

    /// <summary>Cuts a server off from every other server.</summary>
    public void Disconnect(int server) => _group[server] = -1 - server;

    /// <summary>Puts a server back in the main group.</summary>
    public void Connect(int server) => _group[server] = 0;

    public bool IsConnected(int server) => _group[server] == 0;

    /// <summary>Splits the servers into groups (each inner list is one side); unlisted servers are isolated.</summary>
    public void Partition(IReadOnlyList<IReadOnlyList<int>> groups)
    {
        for (var s = 0; s < Servers; s++) _group[s] = -1 - s;
        for (var g = 0; g < groups.Count; g++)
            foreach (var s in groups[g]) _group[s] = g == 0 ? 0 : 1000 + g;
    }

    public void HealAll() => Array.Clear(_group);

    public bool CanReach(int from, int to) => from >= Servers || to >= Servers || _group[from] == _group[to];

    public void Send(SimMessage message)
    {
        MessagesSent++;
        MessageSent?.Invoke(message);
        if (message.IsRaftRequest)
        {
            RaftRequests++;
            RaftRequestBytes += message.SizeInBytes;
        }
        if (!CanReach(message.From, message.To) || _random.Chance(Conditions.DropRate))
        {
            MessagesDropped++;
            return;
        }
        Schedule(message);
        if (_random.Chance(Conditions.DuplicateRate))
        {
            MessagesDuplicated++;
            Schedule(message);
        }
    }

    private void Schedule(SimMessage message)
    {
        var delay = _random.NextLong(Conditions.MinDelay, Conditions.MaxDelay + 1);
        if (Conditions.LongReordering && _random.Chance(0.2))
            delay += _random.NextLong(200 * Simulator.Millisecond, 2200 * Simulator.Millisecond);
        var incarnation = _incarnation[message.To];
        _sim.After(delay, () =>
        {
            if (_incarnation[message.To] != incarnation || _handlers[message.To] is not { } handler || !CanReach(message.From, message.To))
            {
                MessagesDropped++;
                return;
            }
            MessagesDelivered++;
            _sim.Trace(message.Kind);
            _sim.Trace(message.From * 64 + message.To);
            handler(message);
        });
    }
}
