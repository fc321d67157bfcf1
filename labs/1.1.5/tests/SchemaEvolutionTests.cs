using System.Text.Json.Nodes;
using Avro;
using Avro.Generic;
using Avro.IO;
using StatelessMind.Labs.Encoding.Crm;
using StatelessMind.Labs.Encoding.Evolution;

namespace StatelessMind.Labs.Encoding.Tests;

/// <summary>
/// 1.1.5-1: the Customer schema's history v1 … v8, resolved writer against reader by Apache.Avro and
/// judged by the compatibility checker. One property per test, each printing what it saw.
/// </summary>
public sealed class SchemaEvolutionTests(ITestOutputHelper output)
{
    private static SchemaVersion V(int v) => SchemaHistory.Version(v);

    // Rows: reader version, columns: writer version. Old readers can read newer data only across the
    // FULL steps (v1→v2→v3, adding a defaulted field and removing a defaulted one; v7→v8, an enum
    // symbol the older reader's enum default absorbs); every newer reader reads all older data.
    private static readonly bool[,] ExpectedMatrix = BuildExpected();

    private static bool[,] BuildExpected()
    {
        var m = new bool[9, 9];
        for (var r = 1; r <= 8; r++)
            for (var w = 1; w <= 8; w++)
                m[r, w] = r >= w || (r, w) is (1, 2) or (1, 3) or (2, 3) or (7, 8);
        return m;
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void The_history_has_eight_versions_each_saying_what_changed()
    {
        Assert.Equal(8, SchemaHistory.Customer.Count);
        Assert.All(SchemaHistory.Customer, v => Assert.StartsWith($"v{v.Version}: ", v.Change, StringComparison.Ordinal));
        foreach (var v in SchemaHistory.Customer) output.WriteLine(v.Change);
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Each_step_is_backward_compatible_and_only_the_defaulted_changes_are_forward_compatible()
    {
        var expectedForward = new Dictionary<int, bool> { [2] = true, [3] = true, [4] = false, [5] = false, [6] = false, [7] = false, [8] = true };
        for (var v = 2; v <= 8; v++)
        {
            var backward = AvroCompatibility.Check(reader: V(v).Schema, writer: V(v - 1).Schema);
            var forward = AvroCompatibility.Check(reader: V(v - 1).Schema, writer: V(v).Schema);
            output.WriteLine($"v{v - 1}→v{v}: backward {(backward.Count == 0 ? "yes" : "NO")}, forward {(forward.Count == 0 ? "yes" : "no: " + string.Join("; ", forward))}");
            Assert.Empty(backward);
            Assert.Equal(expectedForward[v], forward.Count == 0);
        }
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void A_backward_transitive_registry_accepts_the_whole_history()
    {
        var registry = new SchemaRegistry("customer-value", CompatibilityMode.BackwardTransitive);
        foreach (var v in SchemaHistory.Customer) registry.Register(v.Schema, v.Change);
        Assert.Equal(8, registry.Versions.Count);
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Container_files_of_every_version_read_by_every_version_match_the_expected_matrix()
    {
        var dir = new DirectoryInfo(Path.Combine(Path.GetTempPath(), "sm-encoding-matrix-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            var matrix = EvolutionMatrix.Build(SchemaHistory.Customer, dir, recordsPerFile: 60);
            output.WriteLine(matrix.Render());
            foreach (var cell in matrix.Cells)
            {
                var expected = ExpectedMatrix[cell.ReaderVersion, cell.WriterVersion];
                Assert.True(expected == cell.Predicted, $"checker: v{cell.ReaderVersion} reading v{cell.WriterVersion} predicted {cell.Predicted}, expected {expected}");
                Assert.True(expected == cell.Readable, $"Apache.Avro: v{cell.ReaderVersion} reading v{cell.WriterVersion} readable={cell.Readable} ({cell.Error}), expected {expected}");
                if (cell.Readable) Assert.Equal(60, cell.RecordsRead);
            }
            Assert.Equal(8 * 8, matrix.Cells.Count);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void The_newest_reader_resolves_v1_data_field_by_field()
    {
        var written = CustomerSamples.For(V(1), 4);
        for (var i = 0; i < written.Count; i++)
        {
            var read = AvroReaders.DecodeGeneric(AvroReaders.Encode(written[i]), V(1).Schema, V(8).Schema);
            Assert.Equal(written[i]["name"], read["full_name"]);                 // renamed through the alias
            Assert.Equal((long)(int)written[i]["loyalty_points"], read["loyalty_points"]); // int promoted to long
            Assert.Equal((double)(float)written[i]["score"], read["score"]);     // float promoted to double
            Assert.Equal("unknown", read["country"]);                            // added later: its default
            Assert.False(((RecordSchema)read.Schema).Contains("legacy_code"));    // removed: skipped
            Assert.Equal(((GenericEnum)written[i]["tier"]).Value, ((GenericEnum)read["tier"]).Value);
        }
        var withEmail = AvroReaders.DecodeGeneric(AvroReaders.Encode(written[1]), V(1).Schema, V(8).Schema);
        Assert.Equal("Email", ((GenericRecord)withEmail["contact"]).Schema.Name);
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Older_readers_fill_defaults_for_removed_fields_and_map_unknown_symbols_to_the_enum_default()
    {
        // v1 reading v3 data: legacy_code is gone from the writer, so the reader uses its default "".
        var v3 = CustomerSamples.For(V(3), 1)[0];
        var asV1 = AvroReaders.DecodeGeneric(AvroReaders.Encode(v3), V(3).Schema, V(1).Schema);
        Assert.Equal("", asV1["legacy_code"]);
        Assert.Equal(v3["name"], asV1["name"]);

        // v7 reading v8 data: DIAMOND is unknown to v7, whose Tier has the default BRONZE.
        var diamond = CustomerSamples.For(V(8), 5).Single(r => ((GenericEnum)r["tier"]).Value == "DIAMOND");
        var asV7 = AvroReaders.DecodeGeneric(AvroReaders.Encode(diamond), V(8).Schema, V(7).Schema);
        Assert.Equal("BRONZE", ((GenericEnum)asV7["tier"]).Value);
        output.WriteLine($"v8 DIAMOND read by v7 → {((GenericEnum)asV7["tier"]).Value}; v3 record read by v1 → legacy_code '{asV1["legacy_code"]}'");
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void The_specific_reader_reads_every_version_into_the_latest_generated_class()
    {
        foreach (var version in SchemaHistory.Customer)
        {
            using var file = new MemoryStream();
            var written = CustomerSamples.For(version, 10);
            AvroReaders.WriteContainer(file, version.Schema, written);
            file.Position = 0;
            var customers = AvroReaders.ReadContainerSpecific<Customer>(file);
            Assert.Equal(10, customers.Count);
            for (var i = 0; i < customers.Count; i++)
            {
                var w = written[i];
                Assert.Equal((long)w["id"], customers[i].Id);
                Assert.Equal(w[version.Version >= 4 ? "full_name" : "name"], customers[i].FullName);
                Assert.Equal(((GenericEnum)w["tier"]).Value, customers[i].Tier.ToString());
                switch (w["contact"])
                {
                    case null: Assert.Null(customers[i].Contact); break;
                    case GenericRecord { Schema.Name: "Email" } e: Assert.Equal(e["address"], Assert.IsType<Email>(customers[i].Contact).Address); break;
                    case GenericRecord p: Assert.Equal(p["number"], Assert.IsType<Phone>(customers[i].Contact).Number); break;
                }
                Assert.Equal(version.Version >= 2 ? (string)w["country"] : "unknown", customers[i].Country);
            }
        }
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void A_rename_through_an_alias_needs_the_aliases_applied_first_in_Apache_Avro_1_12()
    {
        var v3 = CustomerSamples.For(V(3), 1)[0];
        var bytes = AvroReaders.Encode(v3);
        // Apache.Avro alone (AVRO-3770): the aliased field is matched, then also treated as missing.
        var raw = new GenericDatumReader<GenericRecord>(V(3).Schema, V(4).Schema);
        using (var input = new MemoryStream(bytes))
            Assert.ThrowsAny<AvroException>(() => raw.Read(null!, new BinaryDecoder(input)));
        // With the reader's aliases applied to the writer schema (as Java's applyAliases does) it resolves.
        var resolved = AvroReaders.DecodeGeneric(bytes, V(3).Schema, V(4).Schema);
        Assert.Equal(v3["name"], resolved["full_name"]);
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Apache_Avro_CanRead_accepts_enums_and_unions_that_fail_on_the_data_so_the_registry_uses_the_strict_checker()
    {
        // Library check: any two enums and any two unions "can read" each other.
        Assert.True(V(5).Schema.CanRead(V(6).Schema));
        // The specification's rule: v6's PLATINUM is unknown to v5, whose Tier has no default.
        var problems = AvroCompatibility.Check(V(5).Schema, V(6).Schema);
        var p = Assert.Single(problems);
        Assert.Equal("Customer.tier", p.Path);
        Assert.Equal(IncompatibilityKind.MissingEnumSymbols, p.Kind);
        // And the data proves the strict answer right: a PLATINUM record cannot be read by v5.
        var platinum = CustomerSamples.For(V(6), 4).Single(r => ((GenericEnum)r["tier"]).Value == "PLATINUM");
        var e = Assert.ThrowsAny<AvroException>(() => AvroReaders.DecodeGeneric(AvroReaders.Encode(platinum), V(6).Schema, V(5).Schema));
        output.WriteLine($"CanRead said yes; checker: {p}; reading the data: {e.Message}");
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
