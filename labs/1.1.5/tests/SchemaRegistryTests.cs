using System.Text.Json.Nodes;
using Avro;
using StatelessMind.Labs.Encoding.Evolution;

namespace StatelessMind.Labs.Encoding.Tests;

/// <summary>
/// 1.1.5-1d: the schema registry's compatibility modes over the Customer history: which versions a mode compares a
/// candidate with, in which directions, and that a refusal names every offending field.
/// </summary>
public sealed class SchemaRegistryTests(ITestOutputHelper output)
{
    private static SchemaVersion V(int v) => SchemaHistory.Version(v);

    [Fact]
    [Goal("1.1.5-1")]
    public void A_backward_transitive_registry_accepts_the_whole_history()
    {
        var registry = new SchemaRegistry("customer-value", CompatibilityMode.BackwardTransitive);
        foreach (var v in SchemaHistory.Customer) registry.Register(v.Schema, v.Change);
        Assert.Equal(8, registry.Versions.Count);
    }

    public static TheoryData<string, CompatibilityMode, string, IncompatibilityKind> Breaking => new()
    {
        { "add-required-field", CompatibilityMode.Backward, "Customer.segment", IncompatibilityKind.MissingDefault },
        { "change-field-type", CompatibilityMode.Backward, "Customer.country", IncompatibilityKind.TypeMismatch },
        { "narrow-long-to-int", CompatibilityMode.Backward, "Customer.loyalty_points", IncompatibilityKind.TypeMismatch },
        { "rename-without-alias", CompatibilityMode.Backward, "Customer.display_name", IncompatibilityKind.MissingDefault },
        { "drop-union-branch", CompatibilityMode.Backward, "Customer.contact[Email]", IncompatibilityKind.MissingUnionBranch },
        { "nested-type-change", CompatibilityMode.Backward, "Customer.contact[Email].address", IncompatibilityKind.TypeMismatch },
        { "remove-enum-symbol-and-default", CompatibilityMode.Backward, "Customer.tier", IncompatibilityKind.MissingEnumSymbols },
    };

    [Theory]
    [Goal("1.1.5-1")]
    [MemberData(nameof(Breaking))]
    public void A_breaking_change_is_rejected_naming_the_offending_field(string change, CompatibilityMode mode, string path, IncompatibilityKind kind)
    {
        var registry = new SchemaRegistry("customer-value", mode);
        foreach (var v in SchemaHistory.Customer) registry.Register(v.Schema, v.Change);
        var proposal = BreakingChanges.All.Single(c => c.Name == change);

        var e = Assert.Throws<IncompatibleSchemaException>(() => registry.Register(proposal.Schema, proposal.Description));

        var problem = e.Violations.SelectMany(v => v.Problems).First();
        Assert.Equal(path, problem.Path);
        Assert.Equal(kind, problem.Kind);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("BACKWARD", e.Message, StringComparison.Ordinal);
        Assert.Equal(8, registry.Versions.Count); // nothing registered
        output.WriteLine(e.Message);
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void A_FULL_registry_rejects_the_rename_because_old_readers_cannot_read_new_data()
    {
        var registry = new SchemaRegistry("customer-value", CompatibilityMode.Full);
        for (var v = 1; v <= 3; v++) registry.Register(V(v).Schema);
        var e = Assert.Throws<IncompatibleSchemaException>(() => registry.Register(V(4).Schema));
        var violation = Assert.Single(e.Violations);
        Assert.Equal("FORWARD", violation.Direction);
        Assert.Equal(3, violation.ReaderVersion);
        Assert.Equal("Customer.name", Assert.Single(violation.Problems).Path);
        output.WriteLine(e.Message);
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void A_transitive_mode_catches_what_the_plain_mode_lets_through()
    {
        // v2 added country with a default; dropping that default is fine against v2 (which writes
        // country) but not against v1 (which does not): only BACKWARD_TRANSITIVE looks that far back.
        var noDefault = Schema.Parse(SchemaHistory.Text(2).Replace("\"default\": \"unknown\"", "\"doc\": \"no default\"", StringComparison.Ordinal));
        var plain = new SchemaRegistry("customer-value", CompatibilityMode.Backward);
        var transitive = new SchemaRegistry("customer-value", CompatibilityMode.BackwardTransitive);
        foreach (var r in new[] { plain, transitive }) { r.Register(V(1).Schema); r.Register(V(2).Schema); }

        plain.Register(noDefault);
        var e = Assert.Throws<IncompatibleSchemaException>(() => transitive.Register(noDefault));
        var violation = Assert.Single(e.Violations);
        Assert.Equal(1, violation.WriterVersion);
        Assert.Equal("Customer.country", Assert.Single(violation.Problems).Path);
        output.WriteLine(e.Message);
    }

    [Theory]
    [Goal("1.1.5-1")]
    [InlineData(CompatibilityMode.None, 8)]
    [InlineData(CompatibilityMode.Backward, 8)]
    [InlineData(CompatibilityMode.BackwardTransitive, 8)]
    [InlineData(CompatibilityMode.Forward, 3)]
    [InlineData(CompatibilityMode.ForwardTransitive, 3)]
    [InlineData(CompatibilityMode.Full, 3)]
    [InlineData(CompatibilityMode.FullTransitive, 3)]
    public void Each_mode_accepts_the_history_up_to_the_first_step_it_forbids(CompatibilityMode mode, int accepted)
    {
        var registry = new SchemaRegistry("customer-value", mode);
        foreach (var v in SchemaHistory.Customer)
        {
            if (registry.Test(v.Schema).Count > 0) break;
            registry.Register(v.Schema, v.Change);
        }
        Assert.Equal(accepted, registry.Versions.Count);
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Forward_transitive_remembers_a_reader_that_forward_has_forgotten()
    {
        // v1's reader has 'name' without a default. v2 gives it a default, v3 drops the field: a v2 reader
        // fills the default, a v1 reader cannot — only FORWARD_TRANSITIVE still asks the v1 reader.
        static Schema Edit(Action<JsonObject> edit)
        {
            var root = (JsonObject)JsonNode.Parse(SchemaHistory.Text(1))!;
            edit(root);
            return Schema.Parse(root.ToJsonString());
        }
        var withDefault = Edit(c => BreakingChanges.Field(c, "name")["default"] = "");
        var dropped = Edit(c => BreakingChanges.Fields(c).Remove(BreakingChanges.Field(c, "name")));
        var plain = new SchemaRegistry("customer-value", CompatibilityMode.Forward);
        var transitive = new SchemaRegistry("customer-value", CompatibilityMode.ForwardTransitive);
        foreach (var r in new[] { plain, transitive }) { r.Register(V(1).Schema); r.Register(withDefault); }

        plain.Register(dropped);
        var e = Assert.Throws<IncompatibleSchemaException>(() => transitive.Register(dropped));
        var violation = Assert.Single(e.Violations);
        Assert.Equal(1, violation.ReaderVersion);
        Assert.Equal("Customer.name", Assert.Single(violation.Problems).Path);
        output.WriteLine(e.Message);
    }
}
