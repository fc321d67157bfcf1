using Avro;
using Avro.Specific;
using StatelessMind.Labs.Encoding.Evolution;

namespace StatelessMind.Labs.Encoding.Crm;

/// <summary>
/// The Customer record of the latest schema (v8) as a specific class, written by hand in the shape
/// Avro's code generator gives: the C# full name equals the Avro full name (Apache.Avro finds the class
/// by that name), and Get/Put address fields by position. A SpecificDatumReader fills it from data
/// written with any earlier version.
/// </summary>
public sealed class Customer : ISpecificRecord
{
    public static readonly Schema AvroSchema = SchemaHistory.Latest.Schema;

    public long Id { get; set; }
    public string FullName { get; set; } = "";
    public long LoyaltyPoints { get; set; }
    public double Score { get; set; }
    public Tier Tier { get; set; }

    /// <summary>null, an <see cref="Email"/> or a <see cref="Phone"/> (an Avro union).</summary>
    public object? Contact { get; set; }

    public IList<string> Tags { get; set; } = [];
    public string Country { get; set; } = "unknown";

    public Schema Schema => AvroSchema;

    public object Get(int fieldPos) => fieldPos switch
    {
        0 => Id,
        1 => FullName,
        2 => LoyaltyPoints,
        3 => Score,
        4 => Tier,
        5 => Contact!,
        6 => Tags,
        7 => Country,
        _ => throw new AvroRuntimeException($"Bad index {fieldPos} in Customer.Get()"),
    };

    public void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: Id = (long)fieldValue; break;
            case 1: FullName = (string)fieldValue; break;
            case 2: LoyaltyPoints = (long)fieldValue; break;
            case 3: Score = (double)fieldValue; break;
            case 4: Tier = (Tier)fieldValue; break;
            case 5: Contact = fieldValue; break;
            case 6: Tags = (IList<string>)fieldValue; break;
            case 7: Country = (string)fieldValue; break;
            default: throw new AvroRuntimeException($"Bad index {fieldPos} in Customer.Put()");
        }
    }
}
