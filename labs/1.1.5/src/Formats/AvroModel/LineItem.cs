using Avro;
using Avro.Specific;

namespace StatelessMind.Labs.Encoding.Formats.AvroModel;

/// <summary>Avro specific class for <c>LineItem</c>.</summary>
public sealed class LineItem : ISpecificRecord
{
    public string Sku { get; set; } = "";
    public string Description { get; set; } = "";
    public int Quantity { get; set; }
    public double UnitPrice { get; set; }

    public Schema Schema => OrderSchema.LineItem;

    public object Get(int fieldPos) => fieldPos switch
    {
        0 => Sku,
        1 => Description,
        2 => Quantity,
        3 => UnitPrice,
        _ => throw new AvroRuntimeException($"Bad index {fieldPos} in LineItem.Get()"),
    };

    public void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: Sku = (string)fieldValue; break;
            case 1: Description = (string)fieldValue; break;
            case 2: Quantity = (int)fieldValue; break;
            case 3: UnitPrice = (double)fieldValue; break;
            default: throw new AvroRuntimeException($"Bad index {fieldPos} in LineItem.Put()");
        }
    }
}
