using StatelessMind.Labs.Consensus.Raft;
using StatelessMind.Labs.Consensus.Raft.Simulation;

namespace StatelessMind.Labs.Consensus.Tests.Raft;

/// <summary>
/// One Raft server (id 0) of a cluster of <see cref="Peers"/>, driven message by message: the test plays the
/// other servers by handing it RPCs and reading what it sent back. Its storage outlives it, so
/// <see cref="Restart"/> makes a new server object from what the old one persisted.
/// </summary>
internal sealed class SingleServerRig
{
    private readonly List<SimMessage> _sent = [];

    public SingleServerRig(int peers = 3, RaftOptions? options = null)
    {
        Peers = peers;
        Options = options ?? new RaftOptions();
        Sim = new Simulator(7);
        Network = new SimNetwork(Sim, peers);
        for (var p = 1; p < peers; p++) Network.Attach(p, _sent.Add);
        Node = NewNode();
    }

    public int Peers { get; }
    public RaftOptions Options { get; }
    public Simulator Sim { get; }
    public SimNetwork Network { get; }
    public InMemoryStorage Storage { get; private set; } = new();
    public RaftNode Node { get; private set; }
    public List<ApplyMsg> Applied { get; } = [];

    /// <summary>Delivers a message to the server, then lets the network carry its answers (a few ms of virtual time).</summary>
    public void Deliver(SimMessage message)
    {
        Node.Receive(message);
        Sim.RunFor(5 * Simulator.Millisecond);
    }

    /// <summary>Everything the server sent to the other servers since the last call, of type <typeparamref name="T"/>.</summary>
    public List<T> Take<T>() where T : SimMessage
    {
        var taken = _sent.OfType<T>().ToList();
        _sent.Clear();
        return taken;
    }

    /// <summary>The server crashes; a new one starts from what it persisted.</summary>
    public void Restart()
    {
        Node.Stop();
        Network.Detach(0);
        Storage = Storage.Copy();
        Node = NewNode();
        Sim.RunFor(Simulator.Millisecond);
    }

    /// <summary>Makes the server leader of the next term with peer 1's vote.</summary>
    public void ElectWithVoteOfPeer1()
    {
        Node.Campaign();
        Deliver(new RequestVoteReply(1, 0, Node.CurrentTerm, VoteGranted: true));
        if (!Node.IsLeader) throw new InvalidOperationException($"the server did not become leader: {Node}");
        Take<SimMessage>();
    }

    /// <summary>AppendEntries from leader 1 of <paramref name="term"/>, commands numbered by their index.</summary>
    public static AppendEntriesArgs AppendFrom1(int term, int prevIndex, int prevTerm, int[] entryTerms, int leaderCommit = 0) =>
        new(1, 0, term, prevIndex, prevTerm, entryTerms.Select((t, i) => new LogEntry(t, Command(prevIndex + 1 + i, t))).ToList(), leaderCommit);

    public static byte[] Command(int index, int term) => [(byte)index, (byte)term];

    /// <summary>The terms of the server's log above its base index.</summary>
    public int[] LogTerms() => Enumerable.Range(Node.BaseIndex + 1, Node.LastLogIndex - Node.BaseIndex).Select(Node.TermAt).ToArray();

    private RaftNode NewNode()
    {
        var node = new RaftNode(0, Peers, Sim, Network, Storage, Applied.Add, Options);
        Network.Attach(0, node.Receive);
        return node;
    }
}
