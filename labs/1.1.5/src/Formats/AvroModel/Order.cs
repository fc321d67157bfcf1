using Avro;
using Avro.Specific;

namespace StatelessMind.Labs.Encoding.Formats.AvroModel;

/// <summary>Avro specific class for <c>Order</c>: what Apache.Avro's SpecificDatumWriter/Reader work on.</summary>
public sealed class Order : ISpecificRecord
{
    public long OrderId { get; set; }
    public long CreatedAtUnixMs { get; set; }
    public OrderCustomer Customer { get; set; } = new();
    public IList<LineItem> Items { get; set; } = [];
    public IList<string> Tags { get; set; } = [];
    public string? CouponCode { get; set; }
    public double? Discount { get; set; }
    public string Currency { get; set; } = "";
    public string Status { get; set; } = "";

    public Schema Schema => OrderSchema.Order;

    public object Get(int fieldPos) => fieldPos switch
    {
        0 => OrderId,
        1 => CreatedAtUnixMs,
        2 => Customer,
        3 => Items,
        4 => Tags,
        5 => CouponCode!,
        6 => Discount!,
        7 => Currency,
        8 => Status,
        _ => throw new AvroRuntimeException($"Bad index {fieldPos} in Order.Get()"),
    };

    public void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: OrderId = (long)fieldValue; break;
            case 1: CreatedAtUnixMs = (long)fieldValue; break;
            case 2: Customer = (OrderCustomer)fieldValue; break;
            case 3: Items = (IList<LineItem>)fieldValue; break;
            case 4: Tags = (IList<string>)fieldValue; break;
            case 5: CouponCode = (string?)fieldValue; break;
            case 6: Discount = (double?)fieldValue; break;
            case 7: Currency = (string)fieldValue; break;
            case 8: Status = (string)fieldValue; break;
            default: throw new AvroRuntimeException($"Bad index {fieldPos} in Order.Put()");
        }
    }
}
