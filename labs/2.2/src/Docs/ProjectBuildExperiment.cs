using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Transformation.Docs;

/// <summary>
/// Goal 2.2-1: build the shipped project on PostgreSQL with the runner's <c>build</c>, generate its documentation, and
/// check both against the project's files read independently (<see cref="ProjectFiles"/>): every model built and every
/// test passed, the manifest's nodes, tests and lineage edges, child_map the inverse of parent_map, the page's lineage
/// drawing every node; then plant a failing test on a staging model and check that build skips exactly what lies
/// downstream of it, and that <c>--select model+</c> reaches every descendant.
/// </summary>
/// <param name="bug">A mistake planted in the runner (tests only): a check must then fail.</param>
public sealed class ProjectBuildExperiment(RunnerBug bug) : IExperiment
{
    /// <summary>The staging model the planted failing test reads.</summary>
    public const string FailingModel = "stg_orders";

    public ProjectBuildExperiment() : this(RunnerBug.None) { }

    public string GoalId => "2.2-1";
    public string Title => "A dbt project built and documented: manifest, lineage page, and build's skips after a failing test";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var copy = ShippedProject.Copy();
        try
        {
            var server = await context.Services.PostgresAsync(cancellationToken);
            var db = await server.CreateDatabaseAsync("dbtbuild", cancellationToken);
            var orders = context.Size(ShippedProject.DefaultOrders, 20_000);
            context.Report(0.05, "loading the source data");
            await ShippedProject.LoadSourcesAsync(db, orders, cancellationToken);
            var options = new DbtRunOptions { Environment = ProfileTarget.Environment(db, "analytics"), TargetDirectory = Path.Combine(copy, "target"), Bug = bug };
            return await MeasureAsync(context, copy, options, orders, cancellationToken);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private async Task<Finding> MeasureAsync(ExperimentContext context, string copy, DbtRunOptions options, int orders, CancellationToken cancellationToken)
    {
        var files = ProjectFiles.Read(copy);
        context.Report(0.1, "dbt build");
        var clock = Stopwatch.StartNew();
        var build = await DbtRunner.Open(copy, options).BuildAsync(cancellationToken);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var models = build.Where(r => r.UniqueId.StartsWith("model.", StringComparison.Ordinal)).ToList();
        var tests = build.Where(r => r.UniqueId.StartsWith("test.", StringComparison.Ordinal)).ToList();

        context.Report(0.4, "dbt docs generate");
        var docs = DbtRunner.Open(copy, options).GenerateDocs();
        var manifest = docs.Manifest;
        var nodes = manifest["nodes"]!.AsObject();
        var ofType = (string type) => nodes.Where(n => n.Value!["resource_type"]!.GetValue<string>() == type).Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
        var parentEdges = Edges(manifest["parent_map"]!.AsObject(), reverse: false);
        var childEdges = Edges(manifest["child_map"]!.AsObject(), reverse: true);
        var lineage = parentEdges.Where(e => !e.From.StartsWith("test.", StringComparison.Ordinal) && !e.To.StartsWith("test.", StringComparison.Ordinal)).ToHashSet();
        var svg = XDocument.Parse(Regex.Match(File.ReadAllText(docs.IndexPath), "<svg id=\"lineage-graph\".*?</svg>", RegexOptions.Singleline).Value);
        var drawn = svg.Descendants().Where(e => e.Name.LocalName == "g" && ((string?)e.Attribute("class"))?.Split(' ').Contains("node") == true)
            .Select(e => (string)e.Attribute("data-id")!).ToHashSet(StringComparer.Ordinal);
        var drawnEdges = svg.Descendants().Count(e => e.Name.LocalName == "path" && (string?)e.Attribute("class") == "edge");
        var withDocBlock = nodes.Count(n => n.Value!["resource_type"]!.GetValue<string>() == "model"
                                            && manifest["docs"]!.AsObject().Any(d => n.Value["description"]!.GetValue<string>() == d.Value!["block_contents"]!.GetValue<string>()));

        context.Report(0.6, "build with a failing test planted on " + FailingModel);
        var failingTest = Path.Combine(copy, "tests", "assert_planted_failure.sql");
        File.WriteAllText(failingTest, $"-- planted: fails whenever {FailingModel} has rows\nselect order_id from {{{{ ref('{FailingModel}') }}}}\n");
        var plantedRunner = DbtRunner.Open(copy, options);
        var planted = await plantedRunner.BuildAsync(cancellationToken);
        File.Delete(failingTest);
        var failingId = $"model.{files.Project}.{FailingModel}";
        var downstream = files.Descendants(failingId);
        var skippedModels = planted.Where(r => r.Status == NodeStatus.Skipped && r.UniqueId.StartsWith("model.", StringComparison.Ordinal)).Select(r => r.UniqueId).ToHashSet(StringComparer.Ordinal);
        var builtElsewhere = planted.Where(r => r.UniqueId.StartsWith("model.", StringComparison.Ordinal) && !downstream.Contains(r.UniqueId)).All(r => r.Status == NodeStatus.Success);
        var order = planted.Select(r => r.UniqueId).ToList();
        var ownTests = plantedRunner.Tests.Where(t => t.DependsOn.All(d => d == failingId || d.StartsWith("source.", StringComparison.Ordinal)) && t.DependsOn.Contains(failingId))
            .Select(t => order.IndexOf(t.UniqueId)).ToList();
        var testsRightAfter = ownTests.Count > 0 && ownTests.Order().Select((index, k) => index == order.IndexOf(failingId) + 1 + k).All(x => x);

        var selected = DbtRunner.Open(copy, options).SelectNodes(FailingModel + "+");
        var expectedSelection = downstream.Append(failingId).ToHashSet(StringComparer.Ordinal);

        var builder = new FindingBuilder(GoalId, Title);
        builder.Table(FindingTable.Of("What the files hold and what build and the manifest found", ["item", "project files", "build / manifest"],
        [
            ["models", files.Models.Count, $"{models.Count} built, {ofType("model").Count} in the manifest"],
            ["seeds", files.Seeds.Count, ofType("seed").Count],
            ["sources", files.Sources.Count, manifest["sources"]!.AsObject().Count],
            ["data tests", files.Tests, $"{tests.Count} run, {ofType("test").Count} in the manifest"],
            ["lineage edges (ref / source)", files.Edges.Count, lineage.Count],
            ["nodes drawn on the lineage page", files.Models.Count + files.Seeds.Count + files.Sources.Count, drawn.Count],
        ]));
        builder.Table(FindingTable.Of($"build with a failing test on {FailingModel}", ["node", "status"],
            planted.Where(r => r.Status != NodeStatus.Pass).Select(r => new object[] { r.UniqueId, r.Status.ToString().ToUpperInvariant() })));
        builder
            .Check(models.Count == files.Models.Count && models.All(r => r.Status == NodeStatus.Success), $"build builds every model of the project ({models.Count(r => r.Status == NodeStatus.Success)} of {files.Models.Count})")
            .Check(tests.Count == files.Tests && tests.All(r => r.Status == NodeStatus.Pass), $"build runs every data test and all pass ({tests.Count(r => r.Status == NodeStatus.Pass)} of {files.Tests})")
            .Check(manifest["metadata"]!["dbt_schema_version"]!.GetValue<string>() == DocsManifest.SchemaVersion, "the manifest declares dbt's manifest schema v12")
            .Check(ofType("model").SetEquals(files.Models) && ofType("seed").SetEquals(files.Seeds) && manifest["sources"]!.AsObject().Select(s => s.Key).ToHashSet().SetEquals(files.Sources),
                "the manifest's models, seeds and sources are exactly the project's")
            .Check(ofType("test").Count == files.Tests, $"the manifest holds every data test ({ofType("test").Count} of {files.Tests})")
            .Check(lineage.SetEquals(files.Edges), $"the manifest's lineage edges are the ref()/source() calls of the model files ({lineage.Count} of {files.Edges.Count})")
            .Check(childEdges.SetEquals(parentEdges), $"child_map holds the edges of parent_map the other way round ({childEdges.Count} of {parentEdges.Count})")
            .Check(drawn.SetEquals(files.Models.Concat(files.Seeds).Concat(files.Sources)) && drawnEdges == files.Edges.Count,
                $"the lineage page draws every model, seed and source ({drawn.Count}) and every edge ({drawnEdges} of {files.Edges.Count})")
            .Check(withDocBlock > 0, $"doc blocks reach the manifest's descriptions ({withDocBlock} model(s))")
            .Check(skippedModels.SetEquals(downstream), $"after a failing test on {FailingModel}, build skips exactly the models downstream of it ({skippedModels.Count} of {downstream.Count})")
            .Check(builtElsewhere, "every model not downstream of the failure is still built")
            .Check(testsRightAfter, $"{FailingModel}'s tests run right after it")
            .Check(selected.SetEquals(expectedSelection), $"--select {FailingModel}+ is the model and all its descendants ({selected.Count} of {expectedSelection.Count})");
        return builder
            .Figure("models built", models.Count(r => r.Status == NodeStatus.Success), "", key: true, target: $"{files.Models.Count}")
            .Figure("data tests passed", tests.Count(r => r.Status == NodeStatus.Pass), "", key: true, target: $"{files.Tests}")
            .Figure("lineage edges in the manifest", lineage.Count, "", key: true, target: $"{files.Edges.Count}")
            .Figure("models skipped downstream of the planted failure", skippedModels.Count, "", target: $"{downstream.Count}")
            .Figure("build time", buildSeconds, "s")
            .Note(string.Create(CultureInfo.InvariantCulture, $"Source data: {orders} orders (ci/retail_ops.sql). The yardstick is the project's files read without the runner: models/**/*.sql, seeds/*.csv, the sources, column tests and tests/*.sql, and the ref()/source() calls."))
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"{models.Count} models built and {tests.Count} tests run in {buildSeconds:F1} s; the manifest holds {nodes.Count} nodes and {lineage.Count} lineage edges; " +
                $"a failing test on {FailingModel} skipped {skippedModels.Count} downstream models."));
    }

    /// <summary>The (parent, child) pairs a map holds; child_map lists children, so its pairs are turned round.</summary>
    private static HashSet<(string From, string To)> Edges(JsonObject map, bool reverse) =>
        map.SelectMany(kv => kv.Value!.AsArray().Select(v => reverse ? (kv.Key, v!.GetValue<string>()) : (v!.GetValue<string>(), kv.Key))).ToHashSet();
}
