using System.Buffers;
using Google.Protobuf;
using Proto = StatelessMind.Labs.Encoding.Protos.Orders;

namespace StatelessMind.Labs.Encoding.Formats;

/// <summary>Protocol Buffers with the classes protoc generated from proto/orders/order.proto at build time.</summary>
public sealed class ProtobufOrderFormat : IOrderFormat<Proto.Order>
{
    public string Name => "Protobuf (Google.Protobuf)";

    public Proto.Order ToNative(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        #region Exercise 1.1.5-2b: map the domain order to the generated message, optional fields through presence (tests: FormatRoundTripTests.Protobuf*)
        var customer = new Proto.OrderCustomer { Id = order.Customer.Id, Name = order.Customer.Name, Email = order.Customer.Email };
        if (order.Customer.ShippingAddress is { } a)
            customer.ShippingAddress = new Proto.Address { Street = a.Street, City = a.City, PostalCode = a.PostalCode, Country = a.Country };
        var message = new Proto.Order
        {
            OrderId = order.OrderId,
            CreatedAtUnixMs = order.CreatedAtUnixMs,
            Customer = customer,
            Currency = order.Currency,
            Status = order.Status,
        };
        message.Items.AddRange(order.Items.Select(i => new Proto.LineItem { Sku = i.Sku, Description = i.Description, Quantity = i.Quantity, UnitPrice = i.UnitPrice }));
        message.Tags.AddRange(order.Tags);
        if (order.CouponCode is not null) message.CouponCode = order.CouponCode;
        if (order.Discount is { } d) message.Discount = d;
        return message;
        #endregion
    }

    public Order FromNative(Proto.Order value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var c = value.Customer;
        var address = c.ShippingAddress is { } a ? new Address(a.Street, a.City, a.PostalCode, a.Country) : null;
        return new Order(value.OrderId, value.CreatedAtUnixMs, new OrderCustomer(c.Id, c.Name, c.Email, address),
            [.. value.Items.Select(i => new LineItem(i.Sku, i.Description, i.Quantity, i.UnitPrice))],
            [.. value.Tags],
            value.HasCouponCode ? value.CouponCode : null,
            value.HasDiscount ? value.Discount : null,
            value.Currency, value.Status);
    }

    public void Encode(Proto.Order value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.WriteTo(output);
    }

    public Proto.Order Decode(ReadOnlyMemory<byte> data) => Proto.Order.Parser.ParseFrom(data.Span);
}
