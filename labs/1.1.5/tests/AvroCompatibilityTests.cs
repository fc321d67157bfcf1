using Avro;
using StatelessMind.Labs.Encoding.Evolution;

namespace StatelessMind.Labs.Encoding.Tests;

/// <summary>1.1.5-1a, 1b, 1c: the compatibility checker alone, on small schemas: records, enums and unions, each rule and its path.</summary>
public sealed class AvroCompatibilityTests
{
    private static Schema S(string json) => Schema.Parse(json);

    private static string Record(string name, params string[] fields) =>
        $"{{\"type\": \"record\", \"name\": \"{name}\", \"fields\": [{string.Join(", ", fields)}]}}";

    private static Incompatibility Only(Schema reader, Schema writer) => Assert.Single(AvroCompatibility.Check(reader, writer));

    [Fact]
    [Goal("1.1.5-1")]
    public void Record_a_field_the_writer_lacks_needs_a_default_and_extra_writer_fields_are_skipped()
    {
        var writer = S(Record("R", "{\"name\": \"a\", \"type\": \"int\"}", "{\"name\": \"gone\", \"type\": \"string\"}"));
        var withDefault = S(Record("R", "{\"name\": \"a\", \"type\": \"int\"}", "{\"name\": \"b\", \"type\": \"string\", \"default\": \"x\"}"));
        var withoutDefault = S(Record("R", "{\"name\": \"a\", \"type\": \"int\"}", "{\"name\": \"b\", \"type\": \"string\"}"));

        Assert.Empty(AvroCompatibility.Check(withDefault, writer));
        var p = Only(withoutDefault, writer);
        Assert.Equal(("R.b", IncompatibilityKind.MissingDefault), (p.Path, p.Kind));
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Record_a_renamed_field_is_found_through_its_alias_and_its_type_is_checked_there()
    {
        var writer = S(Record("R", "{\"name\": \"old\", \"type\": \"int\"}"));
        var renamed = S(Record("R", "{\"name\": \"new\", \"type\": \"long\", \"aliases\": [\"old\"]}"));
        var renamedNarrower = S(Record("R", "{\"name\": \"new\", \"type\": \"string\", \"aliases\": [\"old\"]}"));

        Assert.Empty(AvroCompatibility.Check(renamed, writer));
        var p = Only(renamedNarrower, writer);
        Assert.Equal(("R.new", IncompatibilityKind.TypeMismatch), (p.Path, p.Kind));
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Record_names_must_match_unless_the_reader_has_an_alias_for_the_writers_name()
    {
        var writer = S("{\"type\": \"record\", \"name\": \"Old\", \"namespace\": \"n\", \"fields\": []}");
        Assert.Equal(IncompatibilityKind.NameMismatch, Only(S("{\"type\": \"record\", \"name\": \"New\", \"namespace\": \"n\", \"fields\": []}"), writer).Kind);
        Assert.Empty(AvroCompatibility.Check(S("{\"type\": \"record\", \"name\": \"New\", \"namespace\": \"n\", \"aliases\": [\"Old\"], \"fields\": []}"), writer));
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Record_problems_in_nested_records_carry_the_whole_path()
    {
        var writer = S(Record("Outer", "{\"name\": \"inner\", \"type\": " + Record("Inner", "{\"name\": \"x\", \"type\": \"long\"}") + "}"));
        var reader = S(Record("Outer", "{\"name\": \"inner\", \"type\": " + Record("Inner", "{\"name\": \"x\", \"type\": \"int\"}") + "}"));

        var p = Only(reader, writer);
        Assert.Equal(("Outer.inner.x", IncompatibilityKind.TypeMismatch), (p.Path, p.Kind));
    }

    private const string Abc = "{\"type\": \"enum\", \"name\": \"E\", \"symbols\": [\"A\", \"B\", \"C\"]}";
    private const string Ab = "{\"type\": \"enum\", \"name\": \"E\", \"symbols\": [\"A\", \"B\"]}";
    private const string AbWithDefault = "{\"type\": \"enum\", \"name\": \"E\", \"symbols\": [\"A\", \"B\"], \"default\": \"A\"}";

    [Fact]
    [Goal("1.1.5-1")]
    public void Enum_a_reader_missing_a_writer_symbol_needs_a_default()
    {
        var p = Only(S(Ab), S(Abc));
        Assert.Equal(IncompatibilityKind.MissingEnumSymbols, p.Kind);
        Assert.Contains("C", p.Message, StringComparison.Ordinal);
        Assert.Empty(AvroCompatibility.Check(S(AbWithDefault), S(Abc)));
        Assert.Empty(AvroCompatibility.Check(S(Abc), S(Ab)));   // more reader symbols: always fine
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Enum_names_must_match()
    {
        Assert.Equal(IncompatibilityKind.NameMismatch, Only(S("{\"type\": \"enum\", \"name\": \"F\", \"symbols\": [\"A\", \"B\"]}"), S(Ab)).Kind);
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Union_each_writer_branch_needs_a_reader_branch_by_type_and_name_or_by_promotion()
    {
        var writer = S("[\"null\", \"int\", " + Record("Email", "{\"name\": \"a\", \"type\": \"string\"}") + "]");
        var promoted = S("[\"null\", \"long\", " + Record("Email", "{\"name\": \"a\", \"type\": \"string\"}") + "]");
        var noEmail = S("[\"null\", \"int\"]");

        Assert.Empty(AvroCompatibility.Check(promoted, writer));
        var p = Only(noEmail, writer);
        Assert.Equal(("union[Email]", IncompatibilityKind.MissingUnionBranch), (p.Path, p.Kind));
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Union_a_branch_is_checked_inside_and_a_plain_reader_must_read_every_writer_branch()
    {
        var writer = S("[\"null\", " + Record("Email", "{\"name\": \"a\", \"type\": \"string\"}") + "]");
        var reader = S("[\"null\", " + Record("Email", "{\"name\": \"a\", \"type\": \"int\"}") + "]");

        var inside = Only(reader, writer);
        Assert.Equal(("union[Email].a", IncompatibilityKind.TypeMismatch), (inside.Path, inside.Kind));
        var plain = Only(S("\"string\""), S("[\"null\", \"string\"]"));
        Assert.Equal(IncompatibilityKind.TypeMismatch, plain.Kind); // the writer may write null, which a plain string cannot read
    }
}
