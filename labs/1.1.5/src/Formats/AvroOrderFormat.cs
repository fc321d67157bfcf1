using System.Buffers;
using System.Runtime.InteropServices;
using Avro.File;
using Avro.IO;
using Avro.Specific;
using Av = StatelessMind.Labs.Encoding.Formats.AvroModel;

namespace StatelessMind.Labs.Encoding.Formats;

/// <summary>
/// Avro binary with Apache.Avro's specific writer/reader over the classes in Formats/AvroModel. A bare
/// datum carries no schema (the reader must know it, e.g. from a registry id); a container file carries
/// it once in the header (see <see cref="WriteContainer"/>).
/// </summary>
public sealed class AvroOrderFormat : IOrderFormat<Av.Order>
{
    private readonly SpecificDatumWriter<Av.Order> _writer = new(Av.OrderSchema.Order);
    private readonly SpecificDatumReader<Av.Order> _reader = new(Av.OrderSchema.Order, Av.OrderSchema.Order);
    private readonly BufferWriterStream _sink = new();
    private readonly BinaryEncoder _encoder;

    public AvroOrderFormat() => _encoder = new BinaryEncoder(_sink);

    public string Name => "Avro (Apache.Avro, specific)";

    public Av.Order ToNative(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        #region Exercise 1.1.5-2c: map the domain order to the Avro specific record, optional fields as unions with null (tests: FormatRoundTripTests.Avro*, FormatRoundTripTests.An_avro*)
        var c = order.Customer;
        return new Av.Order
        {
            OrderId = order.OrderId,
            CreatedAtUnixMs = order.CreatedAtUnixMs,
            Customer = new Av.OrderCustomer
            {
                Id = c.Id, Name = c.Name, Email = c.Email,
                ShippingAddress = c.ShippingAddress is { } a ? new Av.Address { Street = a.Street, City = a.City, PostalCode = a.PostalCode, Country = a.Country } : null,
            },
            Items = [.. order.Items.Select(i => new Av.LineItem { Sku = i.Sku, Description = i.Description, Quantity = i.Quantity, UnitPrice = i.UnitPrice })],
            Tags = [.. order.Tags],
            CouponCode = order.CouponCode,
            Discount = order.Discount,
            Currency = order.Currency,
            Status = order.Status,
        };
        #endregion
    }

    public Order FromNative(Av.Order value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var c = value.Customer;
        var address = c.ShippingAddress is { } a ? new Address(a.Street, a.City, a.PostalCode, a.Country) : null;
        return new Order(value.OrderId, value.CreatedAtUnixMs, new OrderCustomer(c.Id, c.Name, c.Email, address),
            [.. value.Items.Select(i => new LineItem(i.Sku, i.Description, i.Quantity, i.UnitPrice))],
            [.. value.Tags], value.CouponCode, value.Discount, value.Currency, value.Status);
    }

    public void Encode(Av.Order value, IBufferWriter<byte> output)
    {
        _sink.Target = output;
        _writer.Write(value, _encoder);
        _encoder.Flush();
    }

    public Av.Order Decode(ReadOnlyMemory<byte> data)
    {
        var segment = MemoryMarshal.TryGetArray(data, out var s) ? s : new ArraySegment<byte>(data.ToArray());
        using var input = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        return _reader.Read(null!, new BinaryDecoder(input));
    }

    /// <summary>Writes records as an Avro object container file (schema in the header, records in blocks).</summary>
    public static void WriteContainer(IEnumerable<Av.Order> orders, Stream output, Codec.Type codec = Codec.Type.Null)
    {
        ArgumentNullException.ThrowIfNull(orders);
        using var writer = DataFileWriter<Av.Order>.OpenWriter(new SpecificDatumWriter<Av.Order>(Av.OrderSchema.Order), output, Codec.CreateCodec(codec), leaveOpen: true);
        foreach (var order in orders) writer.Append(order);
        writer.Flush();
    }

    /// <summary>Reads every record of an Avro object container file.</summary>
    public static List<Av.Order> ReadContainer(Stream input)
    {
        using var reader = DataFileReader<Av.Order>.OpenReader(input, Av.OrderSchema.Order, leaveOpen: true);
        return [.. reader.NextEntries];
    }
}
