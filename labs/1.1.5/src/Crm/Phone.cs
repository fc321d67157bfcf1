using Avro;
using Avro.Specific;

namespace StatelessMind.Labs.Encoding.Crm;

/// <summary>The Avro record <c>Phone</c> (added in v7) as a specific class.</summary>
public sealed class Phone : ISpecificRecord
{
    public static readonly Schema AvroSchema = ((UnionSchema)((RecordSchema)Customer.AvroSchema)["contact"].Schema).Schemas.Single(s => s.Name == "Phone");

    public string Number { get; set; } = "";

    public Schema Schema => AvroSchema;

    public object Get(int fieldPos) => fieldPos switch
    {
        0 => Number,
        _ => throw new AvroRuntimeException($"Bad index {fieldPos} in Phone.Get()"),
    };

    public void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: Number = (string)fieldValue; break;
            default: throw new AvroRuntimeException($"Bad index {fieldPos} in Phone.Put()");
        }
    }
}
