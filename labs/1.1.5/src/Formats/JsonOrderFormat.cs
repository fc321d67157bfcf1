using System.Buffers;
using System.Text.Json;

namespace StatelessMind.Labs.Encoding.Formats;

/// <summary>JSON with System.Text.Json's source-generated serializer; the domain record is its own native type.</summary>
public sealed class JsonOrderFormat : IOrderFormat<Order>
{
    private readonly Utf8JsonWriter _writer = new(Stream.Null);

    public string Name => "JSON (System.Text.Json, source-generated)";

    public Order ToNative(Order order) => order;

    public Order FromNative(Order value) => value;

    public void Encode(Order value, IBufferWriter<byte> output)
    {
        #region Exercise 1.1.5-2a: write one order as UTF-8 JSON through the source-generated type info, reusing one writer (tests: FormatRoundTripTests.Json*)
        _writer.Reset(output);
        JsonSerializer.Serialize(_writer, value, OrderJsonContext.Default.Order);
        _writer.Flush();
        #endregion
    }

    public Order Decode(ReadOnlyMemory<byte> data) =>
        JsonSerializer.Deserialize(data.Span, OrderJsonContext.Default.Order) ?? throw new JsonException("The JSON document is 'null', not an order.");
}
