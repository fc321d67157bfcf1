using System.Buffers;

namespace StatelessMind.Labs.Encoding.Formats;

/// <summary>
/// One serialization format for <see cref="Order"/>: the conversion between the domain record and the
/// format's own type (a source-generated JSON contract, a protoc-generated message, an Avro specific
/// record), and encoding/decoding of one record. Instances hold reusable buffers: one per thread.
/// </summary>
public interface IOrderFormat<TNative>
{
    string Name { get; }

    TNative ToNative(Order order);

    Order FromNative(TNative value);

    /// <summary>Appends one encoded record to <paramref name="output"/>.</summary>
    void Encode(TNative value, IBufferWriter<byte> output);

    /// <summary>Decodes exactly one record from <paramref name="data"/>.</summary>
    TNative Decode(ReadOnlyMemory<byte> data);
}
