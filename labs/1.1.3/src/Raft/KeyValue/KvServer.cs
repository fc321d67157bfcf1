using System.Text;
using StatelessMind.Labs.Consensus.Raft.Simulation;

namespace StatelessMind.Labs.Consensus.Raft.KeyValue;

/// <summary>
/// The key-value state machine on top of one Raft server. Every operation, reads included, goes
/// through the log, so a reply is given only once the operation is committed and applied: that is what
/// makes the store linearizable. Writes are deduplicated per client by sequence number, and the state
/// (with the dedup table) is snapshotted into Raft every <see cref="SnapshotEvery"/> applied entries.
/// </summary>
public sealed class KvServer
{
    private readonly Dictionary<string, string> _data = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _lastSeq = [];
    private readonly Dictionary<int, (int ClientEndpoint, KvCommand Command, int Term)> _pending = [];
    private readonly SimNetwork _network;
    private RaftNode? _raft;

    public KvServer(int id, SimNetwork network, int snapshotEvery)
    {
        Id = id;
        _network = network;
        SnapshotEvery = snapshotEvery;
    }

    public int Id { get; }
    public int SnapshotEvery { get; }
    public int LastAppliedIndex { get; private set; }

    /// <summary>Connects the server to its Raft node (created after this service, which it delivers to).</summary>
    public void Attach(RaftNode raft) => _raft = raft;

    public void Receive(SimMessage message)
    {
        if (message is not KvRequest request || _raft is null || _raft.IsStopped) return;
        var c = request.Command;
        if (!_raft.IsLeader)
        {
            _network.Send(new KvReply(Id, request.From, c.Seq, WrongLeader: true, ""));
            return;
        }
        if (c.Op != KvOp.Get && _lastSeq.GetValueOrDefault(c.ClientId, -1) >= c.Seq)
        {
            _network.Send(new KvReply(Id, request.From, c.Seq, WrongLeader: false, "")); // already applied
            return;
        }
        var (index, term, ok) = _raft.Start(c.Encode());
        if (!ok)
        {
            _network.Send(new KvReply(Id, request.From, c.Seq, WrongLeader: true, ""));
            return;
        }
        // Another request waiting on this index lost its slot: its entry was overwritten.
        if (_pending.Remove(index, out var displaced))
            _network.Send(new KvReply(Id, displaced.ClientEndpoint, displaced.Command.Seq, WrongLeader: true, ""));
        _pending[index] = (request.From, c, term);
    }

    /// <summary>Raft's apply channel.</summary>
    public void Apply(ApplyMsg msg)
    {
        if (msg.SnapshotValid)
        {
            Restore(msg.Snapshot);
            LastAppliedIndex = msg.SnapshotIndex;
            foreach (var index in _pending.Keys.Where(i => i <= msg.SnapshotIndex).ToList()) FailPending(index);
            return;
        }
        var c = KvCommand.Decode(msg.Command);
        var result = "";
        switch (c.Op)
        {
            case KvOp.Get:
                result = _data.GetValueOrDefault(c.Key, "");
                break;
            case KvOp.Put when _lastSeq.GetValueOrDefault(c.ClientId, -1) < c.Seq:
                _data[c.Key] = c.Value;
                _lastSeq[c.ClientId] = c.Seq;
                break;
            case KvOp.Append when _lastSeq.GetValueOrDefault(c.ClientId, -1) < c.Seq:
                _data[c.Key] = _data.GetValueOrDefault(c.Key, "") + c.Value;
                _lastSeq[c.ClientId] = c.Seq;
                break;
        }
        LastAppliedIndex = msg.CommandIndex;
        if (_pending.Remove(msg.CommandIndex, out var waiting))
        {
            var same = waiting.Command.ClientId == c.ClientId && waiting.Command.Seq == c.Seq;
            _network.Send(new KvReply(Id, waiting.ClientEndpoint, waiting.Command.Seq, WrongLeader: !same, same ? result : ""));
        }
        if (SnapshotEvery > 0 && msg.CommandIndex % SnapshotEvery == 0) _raft?.Snapshot(msg.CommandIndex, Snapshot());
    }

    private void FailPending(int index)
    {
        if (_pending.Remove(index, out var waiting))
            _network.Send(new KvReply(Id, waiting.ClientEndpoint, waiting.Command.Seq, WrongLeader: true, ""));
    }

    private byte[] Snapshot()
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8))
        {
            w.Write(_data.Count);
            foreach (var (k, v) in _data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.Write(k);
                w.Write(v);
            }
            w.Write(_lastSeq.Count);
            foreach (var (client, seq) in _lastSeq.OrderBy(kv => kv.Key))
            {
                w.Write(client);
                w.Write(seq);
            }
        }
        return buffer.ToArray();
    }

    private void Restore(byte[] snapshot)
    {
        _data.Clear();
        _lastSeq.Clear();
        if (snapshot.Length == 0) return;
        using var r = new BinaryReader(new MemoryStream(snapshot), Encoding.UTF8);
        for (var n = r.ReadInt32(); n > 0; n--) _data[r.ReadString()] = r.ReadString();
        for (var n = r.ReadInt32(); n > 0; n--) _lastSeq[r.ReadInt32()] = r.ReadInt64();
    }
}
