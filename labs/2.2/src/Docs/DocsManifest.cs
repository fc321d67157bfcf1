using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Transformation.Docs;

/// <summary>
/// dbt's manifest.json for what the runner knows: metadata, nodes (models, seeds, tests) keyed by unique id with
/// their config, columns, depends_on and compiled code; sources, macros, doc blocks, and parent_map / child_map.
/// </summary>
public static partial class DocsManifest
{
    public const string SchemaVersion = "https://schemas.getdbt.com/dbt/manifest/v12.json";

    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    [GeneratedRegex(@"\{%-?\s*macro\s+(\w+)\s*\(")]
    private static partial Regex MacroDefinition();

    public static IEnumerable<string> MacroDefinitions(string source) => MacroDefinition().Matches(source).Select(m => m.Groups[1].Value);

    public static JsonObject Build(DbtRunner runner, IReadOnlyList<CompiledModel> compiled, DateTimeOffset generatedAt)
    {
        var project = runner.Project;
        var name = project.Name;
        var macros = runner.MacroNames();
        var nodes = new JsonObject();
        foreach (var seed in project.SeedFiles)
        {
            var seedName = Path.GetFileNameWithoutExtension(seed);
            var id = $"seed.{name}.{seedName}";
            nodes[id] = new JsonObject
            {
                ["unique_id"] = id, ["resource_type"] = "seed", ["name"] = seedName, ["package_name"] = name,
                ["original_file_path"] = Path.GetRelativePath(project.Root, seed).Replace('\\', '/'),
                ["fqn"] = new JsonArray(name, seedName), ["description"] = "", ["columns"] = new JsonObject(),
                ["config"] = new JsonObject { ["materialized"] = "seed", ["schema"] = project.SeedSchema },
                ["depends_on"] = new JsonObject { ["nodes"] = new JsonArray(), ["macros"] = new JsonArray() },
            };
        }
        foreach (var model in compiled)
        {
            var file = project.Models.Single(m => m.Name == model.Name);
            var doc = runner.DocOf(model.Name);
            var columns = new JsonObject();
            foreach (var (column, description) in doc?.Columns ?? new Dictionary<string, string>())
                columns[column] = new JsonObject
                {
                    ["name"] = column, ["description"] = runner.RenderDescription($"{model.Name}.{column}", description),
                    ["data_type"] = null, ["meta"] = new JsonObject(), ["tags"] = new JsonArray(),
                };
            nodes[model.UniqueId] = new JsonObject
            {
                ["unique_id"] = model.UniqueId, ["resource_type"] = "model", ["name"] = model.Name, ["package_name"] = name,
                ["path"] = model.RelativePath["models/".Length..], ["original_file_path"] = model.RelativePath,
                ["fqn"] = new JsonArray([name, .. model.RelativePath.Split('/')[1..^1].Select(s => (JsonNode)s), model.Name]),
                ["schema"] = model.Relation.Schema, ["alias"] = model.Relation.Identifier, ["relation_name"] = model.Relation.ToString(),
                ["description"] = runner.RenderDescription(model.Name, doc?.Description ?? ""),
                ["columns"] = columns,
                ["config"] = new JsonObject
                {
                    ["enabled"] = true, ["materialized"] = model.Materialized, ["schema"] = ConfigText(file, "schema"), ["unique_key"] = model.UniqueKey,
                },
                ["depends_on"] = new JsonObject
                {
                    ["nodes"] = new JsonArray(model.DependsOn.Order(StringComparer.Ordinal).Select(d => (JsonNode)d!).ToArray()),
                    ["macros"] = new JsonArray(macros.Where(m => Regex.IsMatch(file.RawSql, $@"\b{m.Name}\s*\(")).Select(m => (JsonNode)$"macro.{name}.{m.Name}"!).ToArray()),
                },
                ["language"] = "sql", ["raw_code"] = file.RawSql, ["compiled"] = true, ["compiled_code"] = model.Sql,
            };
        }
        foreach (var test in runner.Tests)
        {
            var kwargs = new JsonObject();
            if (test.Column is not null) kwargs["column_name"] = test.Column;
            foreach (var (k, v) in test.Arguments) kwargs[k] = JsonSerializer.SerializeToNode(v);
            nodes[test.UniqueId] = new JsonObject
            {
                ["unique_id"] = test.UniqueId, ["resource_type"] = "test", ["name"] = test.Name, ["package_name"] = name,
                ["original_file_path"] = test.OriginalFilePath, ["column_name"] = test.Column, ["attached_node"] = test.AttachedTo,
                ["test_metadata"] = test.Kind is null ? null : new JsonObject { ["name"] = test.Kind, ["kwargs"] = kwargs },
                ["config"] = new JsonObject { ["severity"] = "ERROR" },
                ["depends_on"] = new JsonObject { ["nodes"] = new JsonArray(test.DependsOn.Select(d => (JsonNode)d!).ToArray()), ["macros"] = new JsonArray() },
            };
        }
        var sources = new JsonObject();
        foreach (var s in project.Sources)
        {
            var id = $"source.{name}.{s.SourceName}.{s.TableName}";
            sources[id] = new JsonObject
            {
                ["unique_id"] = id, ["resource_type"] = "source", ["name"] = s.TableName, ["source_name"] = s.SourceName,
                ["package_name"] = name, ["identifier"] = s.Identifier, ["fqn"] = new JsonArray(name, s.SourceName, s.TableName),
                ["columns"] = new JsonObject(), ["description"] = "",
            };
        }
        var macroObjects = new JsonObject();
        foreach (var (macro, path) in macros)
            macroObjects[$"macro.{name}.{macro}"] = new JsonObject
            {
                ["unique_id"] = $"macro.{name}.{macro}", ["resource_type"] = "macro", ["name"] = macro, ["package_name"] = name, ["original_file_path"] = path,
            };
        var docs = new JsonObject();
        foreach (var (docName, text) in project.DocBlocks)
            docs[$"doc.{name}.{docName}"] = new JsonObject
            {
                ["unique_id"] = $"doc.{name}.{docName}", ["resource_type"] = "doc", ["name"] = docName, ["package_name"] = name, ["block_contents"] = text,
            };

        var (parentMap, childMap) = Maps(nodes, sources, runner.Options.Bug);
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["dbt_schema_version"] = SchemaVersion, ["dbt_version"] = "1.8.0", ["generated_at"] = generatedAt.ToString("O"),
                ["project_name"] = name, ["adapter_type"] = "postgres",
            },
            ["nodes"] = nodes, ["sources"] = sources, ["macros"] = macroObjects, ["docs"] = docs,
            ["exposures"] = new JsonObject(), ["metrics"] = new JsonObject(), ["groups"] = new JsonObject(), ["selectors"] = new JsonObject(),
            ["disabled"] = new JsonObject(), ["parent_map"] = parentMap, ["child_map"] = childMap, ["group_map"] = new JsonObject(),
            ["saved_queries"] = new JsonObject(), ["semantic_models"] = new JsonObject(), ["unit_tests"] = new JsonObject(),
        };
    }

    private static string? ConfigText(Project.ModelFile file, string key) =>
        file.ProjectConfig.TryGetValue(key, out var v) ? v?.ToString() : null;

    /// <summary>parent_map: each node's depends_on.nodes; child_map: the same edges the other way round. Every node and source has an entry in both.</summary>
    private static (JsonObject Parents, JsonObject Children) Maps(JsonObject nodes, JsonObject sources, RunnerBug bug)
    {
        var parents = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var children = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (id, _) in nodes.Concat(sources))
        {
            parents[id] = new SortedSet<string>(StringComparer.Ordinal);
            children[id] = new SortedSet<string>(StringComparer.Ordinal);
        }
        foreach (var (id, node) in nodes)
            foreach (var parent in node!["depends_on"]!["nodes"]!.AsArray().Select(p => p!.GetValue<string>()))
            {
                parents[id].Add(parent);
                if (!children.TryGetValue(parent, out var set)) children[parent] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(id);
            }
        if (bug == RunnerBug.ChildMapDropsAnEdge)
            foreach (var set in children.Values.Where(s => s.Count > 1))
                set.Remove(set.Max!);
        static JsonObject ToJson(SortedDictionary<string, SortedSet<string>> map)
        {
            var o = new JsonObject();
            foreach (var (k, v) in map) o[k] = new JsonArray(v.Select(x => (JsonNode)x!).ToArray());
            return o;
        }
        return (ToJson(parents), ToJson(children));
    }
}
