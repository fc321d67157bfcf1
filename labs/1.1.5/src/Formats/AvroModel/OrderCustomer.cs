using Avro;
using Avro.Specific;

namespace StatelessMind.Labs.Encoding.Formats.AvroModel;

/// <summary>Avro specific class for <c>OrderCustomer</c>.</summary>
public sealed class OrderCustomer : ISpecificRecord
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public Address? ShippingAddress { get; set; }

    public Schema Schema => OrderSchema.Customer;

    public object Get(int fieldPos) => fieldPos switch
    {
        0 => Id,
        1 => Name,
        2 => Email,
        3 => ShippingAddress!,
        _ => throw new AvroRuntimeException($"Bad index {fieldPos} in OrderCustomer.Get()"),
    };

    public void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: Id = (long)fieldValue; break;
            case 1: Name = (string)fieldValue; break;
            case 2: Email = (string)fieldValue; break;
            case 3: ShippingAddress = (Address?)fieldValue; break;
            default: throw new AvroRuntimeException($"Bad index {fieldPos} in OrderCustomer.Put()");
        }
    }
}
