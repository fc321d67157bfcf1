using System.Text.RegularExpressions;
using Npgsql;
using StatelessMind.Labs.Transformation.Graph;
using StatelessMind.Labs.Transformation.Jinja;

namespace StatelessMind.Labs.Transformation.Execution;

/// <summary><c>dbt build</c> with dbt's semantics, the tests as nodes of the DAG, and <c>--select</c>.</summary>
public sealed partial class DbtRunner
{
    private IReadOnlyList<TestNode>? _tests;

    public string ProjectName => _project.Name;

    public Project.DbtProject Project => _project;

    public DbtRunOptions Options => _options;

    [GeneratedRegex(@"ref\(\s*['""](\w+)['""]\s*\)")]
    private static partial Regex RefArgument();

    /// <summary>Every data test with its parents: a generic test reads its model (or source) and, for relationships, the model it points to.</summary>
    public IReadOnlyList<TestNode> Tests => _tests ??= ParseTests();

    private IReadOnlyList<TestNode> ParseTests()
    {
        var tests = new List<TestNode>();
        foreach (var spec in _project.Tests)
        {
            var target = spec.OnSource ? $"source.{_project.Name}.{spec.Target}" : ModelId(spec.Target);
            var deps = new List<string> { target };
            if (spec.Arguments.TryGetValue("to", out var to) && RefArgument().Match(JinjaValues.Str(to)) is { Success: true } m)
                deps.Add(_models.ContainsKey(m.Groups[1].Value) ? ModelId(m.Groups[1].Value) : SeedId(m.Groups[1].Value));
            tests.Add(new TestNode($"test.{_project.Name}.{spec.Name}", spec.Name, spec.Kind, spec.Column, target, spec.File,
                deps.Distinct().ToList(), spec.Arguments));
        }
        foreach (var (name, path, sql) in _project.SingularTests)
        {
            var deps = new List<string>();
            var locals = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["ref"] = (JinjaFunction)((args, _) =>
                {
                    var model = RefName(args);
                    deps.Add(_models.ContainsKey(model) ? ModelId(model) : SeedNames.Contains(model) ? SeedId(model)
                        : throw new JinjaCallException($"ref('{model}'): no model or seed is named '{model}'"));
                    return new Relation(Target.Schema, model);
                }),
                ["source"] = (JinjaFunction)((args, _) =>
                {
                    deps.Add($"source.{_project.Name}.{args[0]}.{args[1]}");
                    return SourceRelation(JinjaValues.Str(args[0]), JinjaValues.Str(args[1]));
                }),
                ["config"] = (JinjaFunction)((_, _) => ""),
            };
            _jinja.Render(path, sql, locals);
            tests.Add(new TestNode($"test.{_project.Name}.{name}", name, null, null, null, path, deps.Distinct().ToList(),
                new Dictionary<string, object?>()));
        }
        return tests;
    }

    /// <summary>
    /// The models and seeds a <c>--select</c> names: one or more selectors separated by spaces (their union), each
    /// <c>name</c>, <c>+name</c>, <c>name+</c> or <c>+name+</c>. An unknown name is an <see cref="UnknownNodeException"/>.
    /// </summary>
    public IReadOnlySet<string> SelectNodes(string select)
    {
        var union = new HashSet<string>(StringComparer.Ordinal);
        foreach (var selector in select.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var selected = Graph.Select(selector, n => _models.ContainsKey(n) ? ModelId(n) : SeedNames.Contains(n) ? SeedId(n) : null);
            if (_options.Bug == RunnerBug.SelectDirectChildrenOnly && selector.EndsWith('+'))
            {
                var start = selected.Single(id => id.EndsWith("." + selector.Trim('+'), StringComparison.Ordinal) && !id.StartsWith("source.", StringComparison.Ordinal));
                var ancestors = selector.StartsWith('+') ? Graph.Select("+" + selector.Trim('+'), n => start) : new HashSet<string> { start };
                selected = selected.Where(id => ancestors.Contains(id) || Graph.Children(start).Contains(id)).ToHashSet(StringComparer.Ordinal);
            }
            union.UnionWith(selected.Where(id => !id.StartsWith("source.", StringComparison.Ordinal)));
        }
        return union;
    }

    /// <summary><c>dbt build [--select …]</c>.</summary>
    public Task<IReadOnlyList<NodeResult>> BuildAsync(string? select, CancellationToken cancellationToken = default) =>
        ExecuteAsync(select, seeds: true, models: true, tests: true, cancellationToken);

    /// <summary><c>dbt test [--select …]</c>: the tests of the selected models and seeds (all of them without a selection).</summary>
    public Task<IReadOnlyList<NodeResult>> TestAsync(string? select, CancellationToken cancellationToken = default) =>
        ExecuteAsync(select, seeds: false, models: false, tests: true, cancellationToken);

    /// <summary>
    /// Runs the chosen kinds of node the way <c>dbt build</c> does: one DAG of seeds, models and tests, in which a test
    /// comes after every node it reads and before every node downstream of all of them, and a ready test goes first — so each
    /// model's tests run right after it. A node whose parent errored, failed a test or was skipped is SKIPPED.
    /// </summary>
    public async Task<IReadOnlyList<NodeResult>> ExecuteAsync(string? select, bool seeds, bool models, bool tests, CancellationToken cancellationToken = default)
    {
        var selected = select is null ? null : SelectNodes(select);
        bool Runs(string id) => (selected is null || selected.Contains(id)) &&
                                (id.StartsWith("seed.", StringComparison.Ordinal) ? seeds : id.StartsWith("model.", StringComparison.Ordinal) && models);
        var nodes = Graph.TopologicalOrder().Where(Runs).ToList();
        var testNodes = !tests ? [] : Tests.Where(t => selected is null || t.DependsOn.Any(selected.Contains)).ToList();
        var sql = tests ? CompileTests().ToDictionary(t => $"test.{_project.Name}.{t.Name}", t => t.Sql, StringComparer.Ordinal) : [];
        await using var connection = await OpenAsync(cancellationToken);
        var results = new List<NodeResult>();
        #region Exercise 2.2-1e: build's schedule (a test between the nodes it reads and what depends on all of them) and the skips after a failure (tests: BuildSemanticsTests, MaterializationTests, ProjectBuildExperimentTests)
        // The schedule: parents of each node within this run; as in dbt, a test is also a parent of every node downstream
        // of all the nodes it reads — a relationships test reads two models and gates only what depends on both.
        var parents = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var inRun = nodes.Concat(testNodes.Select(t => t.UniqueId)).ToHashSet(StringComparer.Ordinal);
        foreach (var id in nodes) parents[id] = Graph.Parents(id).Where(inRun.Contains).ToHashSet(StringComparer.Ordinal);
        var upstreamOf = nodes.ToDictionary(id => id, id => Graph.Select("+" + id, n => n).Where(n => n != id).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var test in testNodes)
        {
            parents[test.UniqueId] = test.DependsOn.Where(inRun.Contains).ToHashSet(StringComparer.Ordinal);
            var reads = test.DependsOn.Where(Graph.Nodes.Contains).ToList();
            if (reads.Count == 0) continue;
            foreach (var id in nodes)
                if (reads.All(upstreamOf[id].Contains)) parents[id].Add(test.UniqueId);
        }
        var waiting = parents.ToDictionary(kv => kv.Key, kv => kv.Value.Count, StringComparer.Ordinal);
        var children = inRun.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (id, ps) in parents)
            foreach (var p in ps) children[p].Add(id);
        var ready = new SortedSet<(int Rank, string Id)>(waiting.Where(kv => kv.Value == 0).Select(kv => (Rank(kv.Key), kv.Key)));
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        while (ready.Count > 0)
        {
            var (_, id) = ready.Min;
            ready.Remove(ready.Min);
            NodeResult result;
            if (parents[id].Any(blocked.Contains))
                result = new NodeResult(id, NodeStatus.Skipped, 0, $"skipped: {string.Join(", ", parents[id].Where(blocked.Contains).Order(StringComparer.Ordinal))} did not succeed");
            else if (id.StartsWith("test.", StringComparison.Ordinal))
                result = await RunTestAsync(connection, id, sql[id], cancellationToken);
            else if (id.StartsWith("seed.", StringComparison.Ordinal))
                result = await LoadSeedAsync(connection, id, cancellationToken);
            else
                result = await BuildModelAsync(connection, id, cancellationToken);
            results.Add(result);
            if (Blocks(result)) blocked.Add(id);
            foreach (var child in children[id])
                if (--waiting[child] == 0) ready.Add((Rank(child), child));
        }
        #endregion
        return results;
    }

    /// <summary>Among the nodes ready to run, tests first: they are the gate for what comes after their model.</summary>
    private static int Rank(string id) => id.StartsWith("test.", StringComparison.Ordinal) ? 0 : 1;

    /// <summary>Whether a node's outcome stops its children: an error, a skip, or a failing test.</summary>
    private bool Blocks(NodeResult result) => result.Status switch
    {
        NodeStatus.Error or NodeStatus.Skipped => true,
        NodeStatus.Fail => _options.Bug != RunnerBug.BuildIgnoresFailingTests,
        _ => false,
    };

    private async Task<NodeResult> BuildModelAsync(NpgsqlConnection connection, string id, CancellationToken cancellationToken)
    {
        var name = id[(id.LastIndexOf('.') + 1)..];
        try
        {
            return await MaterializeAsync(connection, name, cancellationToken);
        }
        catch (PostgresException e)
        {
            return new NodeResult(id, NodeStatus.Error, 0, $"{_models[name].RelativePath}: {e.MessageText}");
        }
    }

    private async Task<NodeResult> LoadSeedAsync(NpgsqlConnection connection, string id, CancellationToken cancellationToken)
    {
        var name = id[(id.LastIndexOf('.') + 1)..];
        var file = _project.SeedFiles.Single(f => Path.GetFileNameWithoutExtension(f) == name);
        try
        {
            var rows = await SeedLoader.LoadAsync(connection, file, SeedRelation(name), cancellationToken);
            return new NodeResult(id, NodeStatus.Success, 0, $"INSERT {rows}");
        }
        catch (Exception e) when (e is PostgresException or SeedFormatException)
        {
            return new NodeResult(id, NodeStatus.Error, 0, e.Message);
        }
    }

    private async Task<NodeResult> RunTestAsync(NpgsqlConnection connection, string id, string sql, CancellationToken cancellationToken)
    {
        WriteTarget("compiled", $"tests/{id[(id.LastIndexOf('.') + 1)..]}.sql", sql);
        try
        {
            await using var command = new NpgsqlCommand($"select count(*) from (\n{sql}\n) dbt_internal_test", connection);
            var failures = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return new NodeResult(id, failures == 0 ? NodeStatus.Pass : NodeStatus.Fail, failures, failures == 0 ? "" : $"Got {failures} results, configured to fail if != 0");
        }
        catch (PostgresException e)
        {
            return new NodeResult(id, NodeStatus.Error, 0, e.MessageText);
        }
    }
}
