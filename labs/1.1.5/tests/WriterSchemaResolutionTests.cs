using Avro;
using StatelessMind.Labs.Encoding.Evolution;

namespace StatelessMind.Labs.Encoding.Tests;

/// <summary>1.1.5-1e: the writer schema adapted to the reader before Apache.Avro resolves them: the reader's names, string ↔ bytes.</summary>
public sealed class WriterSchemaResolutionTests
{
    private static RecordSchema R(string fields) => (RecordSchema)Schema.Parse($"{{\"type\": \"record\", \"name\": \"R\", \"namespace\": \"n\", \"fields\": [{fields}]}}");

    [Fact]
    [Goal("1.1.5-1")]
    public void Nothing_to_adapt_gives_the_writer_schema_itself()
    {
        var writer = R("{\"name\": \"a\", \"type\": \"int\"}");
        Assert.Same(writer, WriterSchemaResolution.Adapt(writer, R("{\"name\": \"a\", \"type\": \"long\"}")));
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void A_field_the_reader_renamed_through_an_alias_gets_the_readers_name()
    {
        var writer = R("{\"name\": \"name\", \"type\": \"string\"}, {\"name\": \"n\", \"type\": \"int\"}");
        var reader = R("{\"name\": \"full_name\", \"type\": \"string\", \"aliases\": [\"name\"]}, {\"name\": \"n\", \"type\": \"int\"}");

        var adapted = (RecordSchema)WriterSchemaResolution.Adapt(writer, reader);

        Assert.Equal(["full_name", "n"], adapted.Fields.Select(f => f.Name));
        Assert.Equal(Schema.Type.String, adapted.Fields[0].Schema.Tag);
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void String_and_bytes_take_the_readers_type_in_fields_unions_arrays_and_maps()
    {
        var writer = R("{\"name\": \"s\", \"type\": \"string\"}, {\"name\": \"b\", \"type\": \"bytes\"}, {\"name\": \"u\", \"type\": [\"null\", \"string\"]}, " +
                       "{\"name\": \"a\", \"type\": {\"type\": \"array\", \"items\": \"bytes\"}}, {\"name\": \"m\", \"type\": {\"type\": \"map\", \"values\": \"string\"}}, " +
                       "{\"name\": \"keep\", \"type\": \"string\"}");
        var reader = R("{\"name\": \"s\", \"type\": \"bytes\"}, {\"name\": \"b\", \"type\": \"string\"}, {\"name\": \"u\", \"type\": [\"null\", \"bytes\"]}, " +
                       "{\"name\": \"a\", \"type\": {\"type\": \"array\", \"items\": \"string\"}}, {\"name\": \"m\", \"type\": {\"type\": \"map\", \"values\": \"bytes\"}}, " +
                       "{\"name\": \"keep\", \"type\": [\"string\", \"bytes\"]}");

        var adapted = (RecordSchema)WriterSchemaResolution.Adapt(writer, reader);

        Assert.Equal(Schema.Type.Bytes, adapted["s"].Schema.Tag);
        Assert.Equal(Schema.Type.String, adapted["b"].Schema.Tag);
        Assert.Equal([Schema.Type.Null, Schema.Type.Bytes], ((UnionSchema)adapted["u"].Schema).Schemas.Select(s => s.Tag));
        Assert.Equal(Schema.Type.String, ((ArraySchema)adapted["a"].Schema).ItemSchema.Tag);
        Assert.Equal(Schema.Type.Bytes, ((MapSchema)adapted["m"].Schema).ValueSchema.Tag);
        Assert.Equal(Schema.Type.String, adapted["keep"].Schema.Tag); // the reader's union has a string branch: no change
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Named_types_are_defined_once_and_a_renamed_type_takes_the_readers_name()
    {
        var writer = R("{\"name\": \"home\", \"type\": {\"type\": \"record\", \"name\": \"Addr\", \"fields\": [{\"name\": \"city\", \"type\": \"string\"}]}}, {\"name\": \"work\", \"type\": \"Addr\"}");
        var reader = R("{\"name\": \"home\", \"type\": {\"type\": \"record\", \"name\": \"Address\", \"aliases\": [\"Addr\"], \"fields\": [{\"name\": \"city\", \"type\": \"bytes\"}]}}, {\"name\": \"work\", \"type\": \"Address\"}");

        var adapted = (RecordSchema)WriterSchemaResolution.Adapt(writer, reader);

        Assert.Equal("n.Address", ((RecordSchema)adapted["home"].Schema).Fullname);
        Assert.Same(adapted["home"].Schema, adapted["work"].Schema);
        Assert.Equal(Schema.Type.Bytes, ((RecordSchema)adapted["work"].Schema)["city"].Schema.Tag);
    }
}
