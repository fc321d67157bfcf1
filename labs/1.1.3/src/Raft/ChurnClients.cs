using StatelessMind.Labs.Consensus.Raft.Simulation;

namespace StatelessMind.Labs.Consensus.Raft;

/// <summary>
/// The churn scenarios' clients, as simulation processes: each offers random commands to every live
/// server, and when a leader accepts one it looks at the index after 10, 20, 50, 100 and 200 ms; a
/// command seen committed there is recorded (it must be found in the final log).
/// </summary>
public sealed class ChurnClients
{
    private static readonly long[] Checks = [10, 20, 50, 100, 200];
    private readonly RaftTestCluster _cluster;
    private readonly List<int> _committed = [];
    private bool _stopped;

    public ChurnClients(RaftTestCluster cluster, int clients)
    {
        _cluster = cluster;
        for (var me = 0; me < clients; me++)
        {
            var client = me;
            cluster.Sim.After(0, () => Offer(client));
        }
    }

    /// <summary>Commands a client saw committed.</summary>
    public IReadOnlyList<int> Committed => _committed;

    public void Stop() => _stopped = true;

    private void Offer(int me)
    {
        if (_stopped) return;
        var x = _cluster.Random.Next(int.MaxValue);
        var command = RaftTestCluster.Cmd(x);
        var index = -1;
        for (var i = 0; i < _cluster.Servers; i++)
            if (_cluster.Node(i) is not null && _cluster.Start(i, command) is (var idx, _, true))
                index = idx;
        if (index < 0)
        {
            _cluster.Sim.After((79 + me * 17) * Simulator.Millisecond, () => Offer(me));
            return;
        }
        Check(me, x, command, index, 0);
    }

    private void Check(int me, int x, byte[] command, int index, int step)
    {
        var (n, c) = _cluster.NCommitted(index);
        if (n > 0)
        {
            if (c!.AsSpan().SequenceEqual(command)) _committed.Add(x);
            _cluster.Sim.After(0, () => Offer(me));
            return;
        }
        if (step == Checks.Length)
        {
            _cluster.Sim.After(0, () => Offer(me));
            return;
        }
        _cluster.Sim.After(Checks[step] * Simulator.Millisecond, () => Check(me, x, command, index, step + 1));
    }
}
