using System.Text.Json.Nodes;
using StatelessMind.Labs.Transformation.Docs;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Jinja;
using StatelessMind.Labs.Transformation.Tests.Execution;

namespace StatelessMind.Labs.Transformation.Tests.Docs;

/// <summary><c>docs generate</c>'s manifest.json for the shipped project (no database needed), checked against its files.</summary>
[Goal("2.2-1")]
public sealed class ManifestTests : IDisposable
{
    private readonly string _copy = ShippedProject.Copy();

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    private DocsOutput Generate(RunnerBug bug = RunnerBug.None) =>
        DbtRunner.Open(_copy, new DbtRunOptions { Bug = bug, TargetDirectory = Path.Combine(_copy, "target") }).GenerateDocs();

    private static HashSet<(string, string)> Pairs(JsonNode map, bool reverse) =>
        map.AsObject().SelectMany(kv => kv.Value!.AsArray().Select(v => reverse ? (kv.Key, v!.GetValue<string>()) : (v!.GetValue<string>(), kv.Key))).ToHashSet();

    [Fact]
    public void The_manifest_has_dbt_s_shape_every_model_with_its_columns_config_and_compiled_code()
    {
        var docs = Generate();
        var manifest = JsonNode.Parse(File.ReadAllText(docs.ManifestPath))!;
        var files = ProjectFiles.Read(_copy);
        Assert.Equal("https://schemas.getdbt.com/dbt/manifest/v12.json", manifest["metadata"]!["dbt_schema_version"]!.GetValue<string>());
        var nodes = manifest["nodes"]!.AsObject();
        Assert.Equal(files.Models.Order(StringComparer.Ordinal), nodes.Where(n => n.Value!["resource_type"]!.GetValue<string>() == "model").Select(n => n.Key).Order(StringComparer.Ordinal));
        Assert.Equal(files.Tests, nodes.Count(n => n.Value!["resource_type"]!.GetValue<string>() == "test"));
        Assert.Equal(files.Sources.Order(StringComparer.Ordinal), manifest["sources"]!.AsObject().Select(s => s.Key).Order(StringComparer.Ordinal));
        var fct = nodes["model.retail.fct_sales"]!;
        Assert.Equal("table", fct["config"]!["materialized"]!.GetValue<string>());
        Assert.Equal("view", nodes["model.retail.stg_orders"]!["config"]!["materialized"]!.GetValue<string>());
        Assert.Contains("md5(", fct["compiled_code"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("{{", fct["compiled_code"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("model.retail.stg_order_lines", fct["depends_on"]!["nodes"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("macro.retail.surrogate_key", fct["depends_on"]!["macros"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("quantity x unit_price_cents, in cents.", fct["columns"]!["revenue_cents"]!["description"]!.GetValue<string>());
        Assert.Contains("macro.retail.pivot", manifest["macros"]!.AsObject().Select(m => m.Key));
    }

    [Fact]
    public void Doc_blocks_are_rendered_into_descriptions_and_listed_under_docs()
    {
        var manifest = Generate().Manifest;
        var block = manifest["docs"]!["doc.retail.fct_sales"]!["block_contents"]!.GetValue<string>();
        Assert.StartsWith("Sales at the grain of one order line", block, StringComparison.Ordinal);
        Assert.Equal(block, manifest["nodes"]!["model.retail.fct_sales"]!["description"]!.GetValue<string>());
        Assert.StartsWith("Surrogate key of the grain", manifest["nodes"]!["model.retail.fct_sales"]!["columns"]!["sales_key"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_description_naming_a_missing_doc_block_is_an_error_naming_it()
    {
        var schema = Path.Combine(_copy, "models", "marts", "schema.yml");
        File.WriteAllText(schema, File.ReadAllText(schema).Replace("{{ doc('fct_sales') }}", "{{ doc('fct_salez') }}", StringComparison.Ordinal));
        var e = Assert.ThrowsAny<Exception>(() => Generate());
        Assert.True(e is TemplateException or JinjaCallException, e.GetType().Name);
        Assert.Contains("fct_salez", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parent_map_is_the_files_lineage_plus_the_tests_and_child_map_is_its_inverse()
    {
        var manifest = Generate().Manifest;
        var files = ProjectFiles.Read(_copy);
        var parents = Pairs(manifest["parent_map"]!, reverse: false);
        Assert.Equal(files.Edges.Order(), parents.Where(e => !e.Item2.StartsWith("test.", StringComparison.Ordinal)).Order());
        Assert.Equal(parents.Order(), Pairs(manifest["child_map"]!, reverse: true).Order());
        Assert.Contains(("model.retail.dim_customer", "test.retail.relationships_fct_sales_customer_key"), parents);
        Assert.Contains(("model.retail.fct_sales", "test.retail.relationships_fct_sales_customer_key"), parents);
    }

    [Fact]
    public void The_planted_child_map_bug_is_caught_by_the_inverse_check()
    {
        var manifest = Generate(RunnerBug.ChildMapDropsAnEdge).Manifest;
        var missing = Pairs(manifest["parent_map"]!, reverse: false).Except(Pairs(manifest["child_map"]!, reverse: true)).ToList();
        Assert.NotEmpty(missing);
    }
}
