using StatelessMind.Labs.Consensus.Raft.Simulation;

namespace StatelessMind.Labs.Consensus.Raft.KeyValue;

/// <summary>
/// A replicated key-value store in the simulator: Raft servers with a <see cref="KvServer"/> each,
/// clerks on their own endpoints, the safety checkers on every event and the metrics.
/// </summary>
public sealed class KvCluster
{
    private readonly RaftNode?[] _nodes;
    private readonly KvServer?[] _kv;
    private readonly InMemoryStorage[] _storage;
    private readonly RaftOptions _options;
    private readonly IRaftObserver _observer;
    private readonly int _snapshotEvery;

    public KvCluster(ulong seed, int servers, int clients, int keys, RaftOptions? options = null, int snapshotEvery = 25,
        Harness.Measurement.LatencyRecorder? commitLatency = null)
    {
        Servers = servers;
        Sim = new Simulator(seed);
        Network = new SimNetwork(Sim, servers, clients);
        _options = options ?? new RaftOptions();
        _snapshotEvery = snapshotEvery;
        _nodes = new RaftNode?[servers];
        _kv = new KvServer?[servers];
        _storage = Enumerable.Range(0, servers).Select(_ => new InMemoryStorage()).ToArray();
        Checker = new SafetyChecker(Sim, _nodes);
        Metrics = new RaftMetrics(Sim, commitLatency);
        _observer = new ObserverFanout(Checker, Metrics);
        for (var i = 0; i < servers; i++) Start(i);
        Clients = Enumerable.Range(0, clients).Select(c => new KvClient(c, servers + c, Sim, Network, servers, keys, History)).ToList();
    }

    public int Servers { get; }
    public Simulator Sim { get; }
    public SimNetwork Network { get; }
    public SafetyChecker Checker { get; }
    public RaftMetrics Metrics { get; }
    public IReadOnlyList<KvClient> Clients { get; }
    public List<Operation> History { get; } = [];

    public RaftNode? Node(int i) => _nodes[i];
    public bool IsUp(int i) => _nodes[i] is not null;

    public void Crash(int i)
    {
        if (_nodes[i] is not { } node) return;
        node.Stop();
        Network.Detach(i);
        _nodes[i] = null;
        _kv[i] = null;
        _storage[i] = _storage[i].Copy();
    }

    public void Start(int i)
    {
        Crash(i);
        var kv = new KvServer(i, Network, _snapshotEvery);
        var node = new RaftNode(i, Servers, Sim, Network, _storage[i], kv.Apply, _options, _observer);
        kv.Attach(node);
        Network.Attach(i, m =>
        {
            if (m is RaftMessage) node.Receive(m);
            else kv.Receive(m);
        });
        _nodes[i] = node;
        _kv[i] = kv;
        Checker.Restarted(node);
    }
}
