using StatelessMind.Labs.Transformation.Docs;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Graph;

namespace StatelessMind.Labs.Transformation.Tests.Graph;

/// <summary><c>--select</c> on the shipped project, checked against the ref() edges of its files read without the runner.</summary>
[Goal("2.2-1")]
public sealed class SelectionTests
{
    private static readonly string Shipped = ShippedProject.Directory("dbt");

    private static DbtRunner Runner(RunnerBug bug = RunnerBug.None) => DbtRunner.Open(Shipped, new DbtRunOptions { Bug = bug, TargetDirectory = Path.GetTempPath() });

    [Theory]
    [InlineData("stg_orders")]
    [InlineData("stg_customers")]
    [InlineData("dim_customer")]
    public void Model_plus_is_the_model_and_every_descendant(string model)
    {
        var files = ProjectFiles.Read(Shipped);
        var id = $"model.retail.{model}";
        Assert.Equal(files.Descendants(id).Append(id).Order(StringComparer.Ordinal), Runner().SelectNodes(model + "+").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Plus_model_is_the_model_and_its_ancestors_without_sources_and_selectors_combine_as_a_union()
    {
        var files = ProjectFiles.Read(Shipped);
        var expected = new HashSet<string> { "model.retail.dim_store" };
        for (var grew = true; grew;)
            grew = files.Edges.Where(e => expected.Contains(e.To) && !e.From.StartsWith("source.", StringComparison.Ordinal)).Select(e => e.From).ToList().Aggregate(false, (g, f) => expected.Add(f) | g);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Runner().SelectNodes("+dim_store").Order(StringComparer.Ordinal));
        Assert.Contains("seed.retail.regions", expected);
        Assert.Equal(["model.retail.dim_date", "model.retail.dim_product"], Runner().SelectNodes("dim_date dim_product").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_name_is_a_typed_error_naming_it()
    {
        var e = Assert.Throws<UnknownNodeException>(() => Runner().SelectNodes("stg_orders+ fct_salez+"));
        Assert.Equal("fct_salez", e.Name);
        Assert.Contains("'fct_salez'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_planted_bug_that_stops_at_direct_children_misses_a_transitive_descendant()
    {
        var files = ProjectFiles.Read(Shipped);
        var expected = files.Descendants("model.retail.stg_orders").Append("model.retail.stg_orders").ToHashSet();
        var buggy = Runner(RunnerBug.SelectDirectChildrenOnly).SelectNodes("stg_orders+");
        Assert.Contains("model.retail.fct_daily_store_sales", expected.Except(buggy)); // a grandchild, lost
    }
}
