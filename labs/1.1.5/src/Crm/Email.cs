using Avro;
using Avro.Specific;

namespace StatelessMind.Labs.Encoding.Crm;

/// <summary>The Avro record <c>Email</c> as a specific class (the shape avrogen would generate).</summary>
public sealed class Email : ISpecificRecord
{
    public static readonly Schema AvroSchema = ((UnionSchema)((RecordSchema)Customer.AvroSchema)["contact"].Schema).Schemas.Single(s => s.Name == "Email");

    public string Address { get; set; } = "";

    public Schema Schema => AvroSchema;

    public object Get(int fieldPos) => fieldPos switch
    {
        0 => Address,
        _ => throw new AvroRuntimeException($"Bad index {fieldPos} in Email.Get()"),
    };

    public void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: Address = (string)fieldValue; break;
            default: throw new AvroRuntimeException($"Bad index {fieldPos} in Email.Put()");
        }
    }
}
