using System.Globalization;
using System.Text;
using Npgsql;
using StatelessMind.Labs.Transformation.Graph;
using StatelessMind.Labs.Transformation.Jinja;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Transformation.Execution;

/// <summary>
/// Runs a dbt project on PostgreSQL the way dbt does: parse every model once to learn its refs, sources and config;
/// order the DAG; then seed, build each model with its materialization (view, table, incremental, ephemeral) and run the
/// tests. Compiled SQL goes to target/compiled, the statements run to target/run.
/// </summary>
public sealed partial class DbtRunner
{
    private readonly DbtProject _project;
    private readonly DbtRunOptions _options;
    private readonly JinjaEnvironment _jinja = new();
    private readonly Dictionary<string, ModelFile> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, object?>> _configs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _dependsOn = new(StringComparer.Ordinal);

    public DbtRunner(DbtProject project, DbtRunOptions options)
    {
        _project = project;
        _options = options;
        Target = LoadProfile();
        _jinja.Globals["var"] = (JinjaFunction)Var;
        _jinja.Globals["env_var"] = (JinjaFunction)EnvVar;
        _jinja.Globals["target"] = new Dictionary<string, object?> { ["name"] = Target.Name, ["schema"] = Target.Schema, ["type"] = "postgres", ["dbname"] = Target.Database };
        foreach (var (path, source) in project.MacroFiles) _jinja.DefineMacros(path, source);
        foreach (var model in project.Models) _models[model.Name] = model;
        Graph = Parse();
    }

    public ProfileTarget Target { get; }

    public DependencyGraph Graph { get; }

    public string TargetDirectory => _options.TargetDirectory ?? Path.Combine(_project.Root, "target");

    public static string ModelId(string projectName, string model) => $"model.{projectName}.{model}";

    public string ModelId(string model) => ModelId(_project.Name, model);

    private string SeedId(string seed) => $"seed.{_project.Name}.{seed}";

    private IEnumerable<string> SeedNames => _project.SeedFiles.Select(Path.GetFileNameWithoutExtension).OfType<string>();

    private ProfileTarget LoadProfile()
    {
        var file = Path.Combine(_options.ProfilesDirectory ?? _project.Root, "profiles.yml");
        if (!File.Exists(file)) throw new DbtProjectException(file, "not found: the profile gives the connection");
        var rendered = _jinja.Render("profiles.yml", File.ReadAllText(file), new Dictionary<string, object?> { ["env_var"] = (JinjaFunction)EnvVar });
        var profile = Yaml.LoadMapping(file, rendered).Map(_project.ProfileName);
        if (profile.Count == 0) throw new DbtProjectException(file, $"has no profile '{_project.ProfileName}'");
        var name = _options.Target ?? profile.Text("target") ?? "dev";
        var output = profile.Map("outputs").Map(name);
        if (output.Count == 0) throw new DbtProjectException(file, $"profile '{_project.ProfileName}' has no output '{name}'");
        string Need(string key) => output.Text(key) ?? throw new DbtProjectException(file, $"output '{name}' lacks '{key}'");
        if (Need("type") != "postgres") throw new DbtProjectException(file, $"output '{name}': only type postgres is supported");
        return new ProfileTarget(name, Need("host"), int.Parse(Need("port"), CultureInfo.InvariantCulture), Need("user"),
            output.Text("password") ?? output.Text("pass") ?? "", Need("dbname"), Need("schema"));
    }

    private object? Var(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> _)
    {
        if (args.Count is < 1 or > 2 || args[0] is not string name) throw new JinjaCallException("var() takes a name and an optional default");
        if (_options.Vars.TryGetValue(name, out var v) || _project.Vars.TryGetValue(name, out v)) return v;
        return args.Count == 2 ? args[1] : throw new JinjaCallException($"required var '{name}' not found in dbt_project.yml or --vars");
    }

    private object? EnvVar(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> _)
    {
        if (args.Count is < 1 or > 2 || args[0] is not string name) throw new JinjaCallException("env_var() takes a name and an optional default");
        if (_options.Environment.TryGetValue(name, out var v)) return v;
        if (Environment.GetEnvironmentVariable(name) is { } e) return e;
        return args.Count == 2 ? args[1] : throw new JinjaCallException($"env var required but not provided: '{name}'");
    }

    private string SchemaFor(string? custom, string nodeName)
    {
        if (_jinja.Globals.TryGetValue("generate_schema_name", out var m) && m is JinjaFunction generate)
            return JinjaValues.Str(generate([custom, new Dictionary<string, object?> { ["name"] = nodeName }], new Dictionary<string, object?>())).Trim();
        return custom is null ? Target.Schema : $"{Target.Schema}_{custom.Trim()}";
    }

    private Dictionary<string, object?> ConfigOf(string model) => _configs[model];

    private string MaterializedOf(string model) => ConfigOf(model).Text("materialized") ?? "view";

    public Relation RelationOf(string model) => new(SchemaFor(ConfigOf(model).Text("schema"), model), ConfigOf(model).Text("alias") ?? model);

    private Relation SeedRelation(string seed) => new(SchemaFor(_project.SeedSchema, seed), seed);

    private Relation SourceRelation(string source, string table)
    {
        var s = _project.Sources.FirstOrDefault(x => x.SourceName == source && x.TableName == table)
                ?? throw new JinjaCallException($"source('{source}', '{table}') is not declared in any schema.yml");
        var schema = s.Schema.Contains("{{", StringComparison.Ordinal) ? _jinja.Render("sources", s.Schema).Trim() : s.Schema;
        return new Relation(schema, s.Identifier);
    }

    /// <summary>dbt's parse phase: render each model once with recording ref/source/config, then wire the DAG.</summary>
    private DependencyGraph Parse()
    {
        var graph = new DependencyGraph();
        foreach (var seed in SeedNames) graph.AddNode(SeedId(seed));
        foreach (var model in _project.Models)
        {
            var deps = new List<string>();
            var config = new Dictionary<string, object?>(model.ProjectConfig, StringComparer.Ordinal);
            var locals = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["ref"] = (JinjaFunction)((args, _) =>
                {
                    var name = RefName(args);
                    deps.Add(_models.ContainsKey(name) ? ModelId(name)
                        : SeedNames.Contains(name) ? SeedId(name)
                        : throw new JinjaCallException($"ref('{name}'): no model or seed is named '{name}'"));
                    return new Relation(Target.Schema, name);
                }),
                ["source"] = (JinjaFunction)((args, _) =>
                {
                    if (args.Count != 2) throw new JinjaCallException("source() takes a source name and a table name");
                    var r = SourceRelation(JinjaValues.Str(args[0]), JinjaValues.Str(args[1]));
                    deps.Add($"source.{_project.Name}.{args[0]}.{args[1]}");
                    return r;
                }),
                ["config"] = (JinjaFunction)((args, kwargs) =>
                {
                    if (args.Count > 0) throw new JinjaCallException("config() takes keyword arguments only");
                    foreach (var (k, v) in kwargs) config[k] = v;
                    return "";
                }),
                ["is_incremental"] = (JinjaFunction)((_, _) => false),
                ["this"] = new Relation(Target.Schema, model.Name),
            };
            _jinja.Render(model.RelativePath, model.RawSql, locals);
            _configs[model.Name] = config;
            var materialized = config.Text("materialized") ?? "view";
            if (materialized is not ("view" or "table" or "incremental" or "ephemeral"))
                throw new DbtProjectException(model.RelativePath, $"unsupported materialization '{materialized}' (view, table, incremental, ephemeral)");
            _dependsOn[model.Name] = deps.Distinct().ToList();
            graph.AddNode(ModelId(model.Name));
            foreach (var d in _dependsOn[model.Name]) graph.AddEdge(d, ModelId(model.Name));
        }
        graph.TopologicalOrder(); // a cycle fails the load, naming it
        return graph;
    }

    private static string RefName(IReadOnlyList<object?> args) => args.Count switch
    {
        1 => JinjaValues.Str(args[0]),
        2 => JinjaValues.Str(args[1]), // ref('package', 'model')
        _ => throw new JinjaCallException("ref() takes a model name"),
    };

    /// <summary>Renders a model for execution; <paramref name="relationExists"/> tells is_incremental() whether the table is there.</summary>
    public CompiledModel Compile(string model, bool relationExists = false)
    {
        var file = _models.TryGetValue(model, out var f) ? f : throw new ArgumentException($"no model is named '{model}'", nameof(model));
        var ctes = new List<(string Name, string Sql)>();
        var sql = Render(file, relationExists, ctes);
        return new CompiledModel(model, ModelId(model), file.RelativePath, InjectCtes(sql, ctes), MaterializedOf(model), RelationOf(model),
            ConfigOf(model).Text("unique_key"), _dependsOn[model]);
    }

    private string Render(ModelFile file, bool relationExists, List<(string Name, string Sql)> ctes)
    {
        var locals = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ref"] = (JinjaFunction)((args, _) =>
            {
                var name = RefName(args);
                if (!_models.ContainsKey(name)) return SeedRelation(name);
                if (MaterializedOf(name) != "ephemeral") return RelationOf(name);
                #region Exercise 2.2-1c: a ref to an ephemeral model becomes a CTE of the model that refs it (tests: MaterializationTests)
                var cte = $"__dbt__cte__{name}";
                if (ctes.All(c => c.Name != cte))
                {
                    var inner = Render(_models[name], false, ctes); // its own ephemeral parents come first
                    ctes.Add((cte, inner));
                }
                return cte;
                #endregion
            }),
            ["source"] = (JinjaFunction)((args, _) => SourceRelation(JinjaValues.Str(args[0]), JinjaValues.Str(args[1]))),
            ["config"] = (JinjaFunction)((_, _) => ""),
            ["is_incremental"] = (JinjaFunction)((_, _) => MaterializedOf(file.Name) == "incremental" && relationExists && !_options.FullRefresh),
            ["this"] = RelationOf(file.Name),
        };
        return _jinja.Render(file.RelativePath, file.RawSql, locals);
    }

    private static string InjectCtes(string sql, List<(string Name, string Sql)> ctes)
    {
        if (ctes.Count == 0) return sql;
        var defs = string.Join(",\n", ctes.Select(c => $"{c.Name} as (\n{c.Sql.Trim()}\n)"));
        var trimmed = sql.TrimStart();
        return trimmed.StartsWith("with ", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("with\n", StringComparison.OrdinalIgnoreCase)
            ? $"with {defs},\n{trimmed[4..].TrimStart()}"
            : $"with {defs}\n{sql}";
    }

    /// <summary>
    /// <c>dbt compile --inline</c>: renders a snippet with the project's macros, vars, env_var, ref and source — how a
    /// macro's expansion is shown and checked on its own.
    /// </summary>
    public string CompileInline(string template) => _jinja.Render("inline", template, new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["ref"] = (JinjaFunction)((args, _) => _models.ContainsKey(RefName(args)) ? RelationOf(RefName(args)) : SeedRelation(RefName(args))),
        ["source"] = (JinjaFunction)((args, _) => SourceRelation(JinjaValues.Str(args[0]), JinjaValues.Str(args[1]))),
    });

    /// <summary>Every model compiled (no database needed: is_incremental() is false), written to target/compiled.</summary>
    public IReadOnlyList<CompiledModel> CompileAll()
    {
        var compiled = new List<CompiledModel>();
        foreach (var id in Graph.TopologicalOrder().Where(id => id.StartsWith("model.", StringComparison.Ordinal)))
        {
            var model = Compile(id[(id.LastIndexOf('.') + 1)..]);
            WriteTarget("compiled", model.RelativePath, model.Sql);
            compiled.Add(model);
        }
        return compiled;
    }

    private void WriteTarget(string kind, string relativePath, string sql)
    {
        var path = Path.Combine(TargetDirectory, kind, _project.Name, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, sql);
    }

    /// <summary><c>dbt build</c>: seeds, models and tests in DAG order, each node's tests right after it (see <see cref="ExecuteAsync"/>).</summary>
    public Task<IReadOnlyList<NodeResult>> BuildAsync(CancellationToken cancellationToken = default) => BuildAsync(null, cancellationToken);

    public async Task<IReadOnlyList<NodeResult>> SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var results = new List<NodeResult>();
        foreach (var file in _project.SeedFiles)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            try
            {
                var relation = SeedRelation(name);
                var rows = await SeedLoader.LoadAsync(connection, file, relation, cancellationToken);
                results.Add(new NodeResult(SeedId(name), NodeStatus.Success, 0, $"INSERT {rows}"));
            }
            catch (Exception e) when (e is PostgresException or SeedFormatException)
            {
                results.Add(new NodeResult(SeedId(name), NodeStatus.Error, 0, e.Message));
            }
        }
        return results;
    }

    /// <summary><c>dbt run [--select …]</c>: builds the selected models in topological order; a failed model skips its descendants.</summary>
    public async Task<IReadOnlyList<NodeResult>> RunAsync(string? select, CancellationToken cancellationToken = default)
    {
        var selected = select is null ? null : SelectNodes(select);
        await using var connection = await OpenAsync(cancellationToken);
        var results = new List<NodeResult>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in Graph.TopologicalOrder())
        {
            if (!id.StartsWith("model.", StringComparison.Ordinal) || (selected is not null && !selected.Contains(id))) continue;
            if (Graph.Parents(id).Any(failed.Contains))
            {
                failed.Add(id);
                results.Add(new NodeResult(id, NodeStatus.Skipped, 0, "an upstream node failed"));
                continue;
            }
            var name = id[(id.LastIndexOf('.') + 1)..];
            try
            {
                results.Add(await MaterializeAsync(connection, name, cancellationToken));
            }
            catch (PostgresException e)
            {
                failed.Add(id);
                results.Add(new NodeResult(id, NodeStatus.Error, 0, $"{_models[name].RelativePath}: {e.MessageText}"));
            }
        }
        return results;
    }

    private async Task<NodeResult> MaterializeAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        var relation = RelationOf(name);
        var existing = await RelationKindAsync(connection, relation, cancellationToken);
        var model = Compile(name, existing == 'r');
        WriteTarget("compiled", model.RelativePath, model.Sql);
        if (model.Materialized == "ephemeral") return new NodeResult(model.UniqueId, NodeStatus.Success, 0, "ephemeral: inlined where it is used");
        var statements = new List<string> { $"create schema if not exists \"{relation.Schema}\"" };
        #region Exercise 2.2-1d: the statements of each materialization, as dbt-postgres runs them (tests: MaterializationTests)
        var drop = existing switch { 'v' => $"drop view if exists {relation} cascade", 'r' => $"drop table if exists {relation} cascade", _ => null };
        switch (model.Materialized)
        {
            case "view":
                if (drop is not null) statements.Add(drop);
                statements.Add($"create view {relation} as (\n{model.Sql}\n)");
                break;
            case "table":
                if (drop is not null) statements.Add(drop);
                statements.Add($"create table {relation} as (\n{model.Sql}\n)");
                break;
            case "incremental" when existing != 'r' || _options.FullRefresh:
                if (drop is not null) statements.Add(drop);
                statements.Add($"create table {relation} as (\n{model.Sql}\n)");
                break;
            default: // incremental over an existing table: stage the new rows, replace the ones with a key seen again, append
                var staging = $"\"{relation.Identifier}__dbt_tmp\"";
                statements.Add($"create temporary table {staging} on commit drop as (\n{model.Sql}\n)");
                if (model.UniqueKey is { } key)
                    statements.Add($"delete from {relation} where (\"{key}\") in (select \"{key}\" from {staging})");
                statements.Add($"insert into {relation} select * from {staging}");
                break;
        }
        #endregion
        WriteTarget("run", model.RelativePath, string.Join(";\n\n", statements) + ";\n");
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        long rows = 0;
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, tx);
            rows = await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return new NodeResult(model.UniqueId, NodeStatus.Success, 0, $"{model.Materialized} {relation} ({rows} rows)");
    }

    private static async Task<char?> RelationKindAsync(NpgsqlConnection connection, Relation relation, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relname = $2", connection);
        command.Parameters.AddWithValue(relation.Schema);
        command.Parameters.AddWithValue(relation.Identifier);
        return await command.ExecuteScalarAsync(cancellationToken) is char c ? c : null;
    }

    /// <summary>The SQL of each test (generic from schema.yml, singular from tests/): it selects the failing rows.</summary>
    public IReadOnlyList<(string Name, string Sql)> CompileTests()
    {
        var tests = new List<(string, string)>();
        foreach (var spec in _project.Tests)
        {
            var relation = spec.OnSource ? SourceRelation(spec.Target.Split('.')[0], spec.Target.Split('.')[1]) : RelationOf(spec.Target);
            tests.Add((spec.Name, GenericTestSql.For(spec, relation, RenderArgument)));
        }
        foreach (var (name, path, sql) in _project.SingularTests)
        {
            var locals = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["ref"] = (JinjaFunction)((args, _) => _models.ContainsKey(RefName(args)) ? RelationOf(RefName(args)) : SeedRelation(RefName(args))),
                ["source"] = (JinjaFunction)((args, _) => SourceRelation(JinjaValues.Str(args[0]), JinjaValues.Str(args[1]))),
                ["config"] = (JinjaFunction)((_, _) => ""),
            };
            tests.Add((name, _jinja.Render(path, sql, locals)));
        }
        return tests;
    }

    private string RenderArgument(string text) => _jinja.Render("schema.yml", "{{ " + text + " }}", new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["ref"] = (JinjaFunction)((args, _) => _models.ContainsKey(RefName(args)) ? RelationOf(RefName(args)) : SeedRelation(RefName(args))),
        ["source"] = (JinjaFunction)((args, _) => SourceRelation(JinjaValues.Str(args[0]), JinjaValues.Str(args[1]))),
    });

    /// <summary><c>dbt test</c>: each test passes when its query returns no row.</summary>
    public async Task<IReadOnlyList<NodeResult>> TestAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var results = new List<NodeResult>();
        foreach (var (name, sql) in CompileTests())
        {
            WriteTarget("compiled", $"tests/{name}.sql", sql);
            var id = $"test.{_project.Name}.{name}";
            try
            {
                await using var command = new NpgsqlCommand($"select count(*) from (\n{sql}\n) dbt_internal_test", connection);
                var failures = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
                results.Add(new NodeResult(id, failures == 0 ? NodeStatus.Pass : NodeStatus.Fail, failures, failures == 0 ? "" : $"Got {failures} results, configured to fail if != 0"));
            }
            catch (PostgresException e)
            {
                results.Add(new NodeResult(id, NodeStatus.Error, 0, e.MessageText));
            }
        }
        return results;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(Target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Renders a resource that lives outside models/ (a snapshot) with the project's macros, var, env_var, ref and
    /// source; <paramref name="locals"/> adds to them or overrides them (its config()).
    /// </summary>
    public string RenderResource(string path, string template, IReadOnlyDictionary<string, object?> locals)
    {
        var scope = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ref"] = (JinjaFunction)((args, _) => _models.ContainsKey(RefName(args)) ? RelationOf(RefName(args)) : SeedRelation(RefName(args))),
            ["source"] = (JinjaFunction)((args, _) => SourceRelation(JinjaValues.Str(args[0]), JinjaValues.Str(args[1]))),
        };
        foreach (var (k, v) in locals) scope[k] = v;
        return _jinja.Render(path, template, scope);
    }

    /// <summary>Loads a project and its profile from disk.</summary>
    public static DbtRunner Open(string projectDirectory, DbtRunOptions options) => new(DbtProject.Load(projectDirectory), options);

    internal static string Describe(IEnumerable<NodeResult> results)
    {
        var sb = new StringBuilder();
        foreach (var r in results) sb.Append(r.Status).Append(' ').Append(r.UniqueId).Append(' ').AppendLine(r.Message);
        return sb.ToString();
    }
}
