using Avro;

namespace StatelessMind.Labs.Encoding.Formats.AvroModel;

/// <summary>The order schema (schemas/order.avsc, embedded) and its named parts.</summary>
public static class OrderSchema
{
    public static readonly RecordSchema Order = Load();
    public static readonly RecordSchema Customer = (RecordSchema)Order["customer"].Schema;
    public static readonly RecordSchema Address = (RecordSchema)((UnionSchema)Customer["shipping_address"].Schema).Schemas[1];
    public static readonly RecordSchema LineItem = (RecordSchema)((ArraySchema)Order["items"].Schema).ItemSchema;

    private static RecordSchema Load()
    {
        using var stream = typeof(OrderSchema).Assembly.GetManifestResourceStream("schemas/order.avsc")
                           ?? throw new FileNotFoundException("Embedded resource 'schemas/order.avsc' is missing.");
        using var reader = new StreamReader(stream);
        return (RecordSchema)Schema.Parse(reader.ReadToEnd());
    }
}
