using Avro;
using Avro.Specific;

namespace StatelessMind.Labs.Encoding.Formats.AvroModel;

/// <summary>Avro specific class for <c>Address</c> (C# full name = Avro full name).</summary>
public sealed class Address : ISpecificRecord
{
    public string Street { get; set; } = "";
    public string City { get; set; } = "";
    public string PostalCode { get; set; } = "";
    public string Country { get; set; } = "";

    public Schema Schema => OrderSchema.Address;

    public object Get(int fieldPos) => fieldPos switch
    {
        0 => Street,
        1 => City,
        2 => PostalCode,
        3 => Country,
        _ => throw new AvroRuntimeException($"Bad index {fieldPos} in Address.Get()"),
    };

    public void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: Street = (string)fieldValue; break;
            case 1: City = (string)fieldValue; break;
            case 2: PostalCode = (string)fieldValue; break;
            case 3: Country = (string)fieldValue; break;
            default: throw new AvroRuntimeException($"Bad index {fieldPos} in Address.Put()");
        }
    }
}
