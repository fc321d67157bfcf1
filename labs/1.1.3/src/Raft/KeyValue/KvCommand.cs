using System.Text;

namespace StatelessMind.Labs.Consensus.Raft.KeyValue;

/// <summary>A client operation as it travels in the Raft log. (ClientId, Seq) identifies it, so a retried
/// write is applied once however many times it reaches the log.</summary>
public sealed record KvCommand(int ClientId, long Seq, KvOp Op, string Key, string Value)
{
    public byte[] Encode()
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8))
        {
            w.Write(ClientId);
            w.Write(Seq);
            w.Write((byte)Op);
            w.Write(Key);
            w.Write(Value);
        }
        return buffer.ToArray();
    }

    public static KvCommand Decode(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        return new KvCommand(r.ReadInt32(), r.ReadInt64(), (KvOp)r.ReadByte(), r.ReadString(), r.ReadString());
    }
}
