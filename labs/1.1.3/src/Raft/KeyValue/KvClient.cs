using StatelessMind.Labs.Consensus.Raft.Simulation;

namespace StatelessMind.Labs.Consensus.Raft.KeyValue;

/// <summary>
/// A clerk: one operation at a time, sent to the server it believes leads; on "wrong leader" or after
/// a timeout it tries the next server with the same sequence number (so a write that did commit is not
/// applied twice). Every operation is recorded with its call and return time for the linearizability check.
/// </summary>
public sealed class KvClient
{
    private const long Timeout = 400 * Simulator.Millisecond;
    private readonly Simulator _sim;
    private readonly SimNetwork _network;
    private readonly SimRandom _random;
    private readonly int _servers;
    private readonly int _keys;
    private readonly List<Operation> _history;
    private KvCommand? _current;
    private long _callTime;
    private long _seq;
    private int _leaderGuess;
    private ScheduledEvent? _timer;
    private bool _stopping;

    public KvClient(int clientId, int endpoint, Simulator sim, SimNetwork network, int servers, int keys, List<Operation> history)
    {
        ClientId = clientId;
        Endpoint = endpoint;
        _sim = sim;
        _network = network;
        _random = sim.Random.Fork();
        _servers = servers;
        _keys = keys;
        _history = history;
        _leaderGuess = _random.Next(servers);
        network.Attach(endpoint, Receive);
    }

    public int ClientId { get; }
    public int Endpoint { get; }
    public int Completed { get; private set; }
    public bool IsIdle => _current is null;

    public void Start() => _sim.After(_random.Next(20) * Simulator.Millisecond, Next);

    /// <summary>No new operations after the current one.</summary>
    public void StopAfterCurrent() => _stopping = true;

    /// <summary>Records the operation in flight (if any) as never returned.</summary>
    public void Abandon()
    {
        if (_current is { } c) _history.Add(new Operation(ClientId, c.Op, c.Key, c.Value, "", _callTime, long.MaxValue));
        _current = null;
        _timer?.Cancel();
    }

    private void Next()
    {
        if (_stopping) return;
        var roll = _random.Next(10);
        var op = roll < 4 ? KvOp.Get : roll < 7 ? KvOp.Put : KvOp.Append;
        var seq = ++_seq;
        var value = op == KvOp.Get ? "" : $"c{ClientId}.{seq};";
        _current = new KvCommand(ClientId, seq, op, $"k{_random.Next(_keys)}", value);
        _callTime = _sim.Now;
        Send();
    }

    private void Send()
    {
        _timer?.Cancel();
        _network.Send(new KvRequest(Endpoint, _leaderGuess, _current!));
        _timer = _sim.After(Timeout, () =>
        {
            _leaderGuess = (_leaderGuess + 1) % _servers;
            Send();
        });
    }

    private void Receive(SimMessage message)
    {
        if (message is not KvReply reply || _current is not { } c || reply.Seq != c.Seq) return;
        if (reply.WrongLeader)
        {
            _timer?.Cancel();
            _leaderGuess = (_leaderGuess + 1) % _servers;
            // Back off a little: while there is no leader, every server says "wrong leader" at once.
            _timer = _sim.After(10 * Simulator.Millisecond, Send);
            return;
        }
        _timer?.Cancel();
        _history.Add(new Operation(ClientId, c.Op, c.Key, c.Value, reply.Value, _callTime, _sim.Now));
        _current = null;
        Completed++;
        _sim.After(_random.Next(10) * Simulator.Millisecond, Next);
    }
}
