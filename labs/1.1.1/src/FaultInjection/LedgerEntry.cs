using System.Buffers.Binary;
using System.Text;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>A deposit as stored in the log: <c>i32 account | i64 amount | u16 key length | key (UTF-8)</c>.</summary>
public sealed record LedgerEntry(string IdempotencyKey, int Account, long Amount)
{
    public byte[] Encode()
    {
        var key = Encoding.UTF8.GetBytes(IdempotencyKey);
        if (key.Length > ushort.MaxValue) throw new ArgumentException($"Idempotency key is {key.Length} bytes; at most {ushort.MaxValue}.");
        var bytes = new byte[14 + key.Length];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, Account);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(4), Amount);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(12), (ushort)key.Length);
        key.CopyTo(bytes, 14);
        return bytes;
    }

    public static LedgerEntry Decode(ReadOnlySpan<byte> bytes, long offset)
    {
        if (bytes.Length < 14 || bytes.Length != 14 + BinaryPrimitives.ReadUInt16LittleEndian(bytes[12..]))
            throw new FormatException($"Ledger entry at offset {offset} has {bytes.Length} bytes, which does not match its key length field.");
        return new LedgerEntry(Encoding.UTF8.GetString(bytes[14..]), BinaryPrimitives.ReadInt32LittleEndian(bytes), BinaryPrimitives.ReadInt64LittleEndian(bytes[4..]));
    }
}
