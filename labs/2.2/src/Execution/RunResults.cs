using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatelessMind.Labs.Transformation.Execution;

/// <summary>
/// dbt's <c>target/run_results.json</c>: what every node of one command did. It is what a scheduler or a CI job reads
/// after dbt has run, to publish test results or decide what to do. Written in dbt's shape (metadata with the schema
/// version, <c>results</c> with <c>unique_id</c>, <c>status</c>, <c>failures</c> and <c>message</c>, <c>elapsed_time</c>,
/// <c>args.which</c>); the runner does not time single nodes, so <c>timing</c> is empty and <c>execution_time</c> absent.
/// </summary>
public static class RunResults
{
    public const string FileName = "run_results.json";
    public const string SchemaVersion = "https://schemas.getdbt.com/dbt/run-results/v6.json";

    /// <summary>Writes the results of <paramref name="command"/> to <c>{targetDirectory}/run_results.json</c>; returns the path.</summary>
    public static string Write(string targetDirectory, string command, IReadOnlyList<NodeResult> results, DateTimeOffset generatedAt, TimeSpan elapsed)
    {
        var document = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["dbt_schema_version"] = SchemaVersion,
                ["generated_at"] = generatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["invocation_id"] = Guid.NewGuid().ToString(),
            },
            ["results"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
            {
                ["unique_id"] = r.UniqueId,
                ["status"] = Status(r.Status),
                ["failures"] = r.UniqueId.StartsWith("test.", StringComparison.Ordinal) ? r.Failures : null,
                ["message"] = r.Message.Length == 0 ? null : r.Message,
                ["timing"] = new JsonArray(),
                ["thread_id"] = "Thread-1",
                ["adapter_response"] = new JsonObject(),
            })]),
            ["elapsed_time"] = Math.Round(elapsed.TotalSeconds, 3),
            ["args"] = new JsonObject { ["which"] = command },
        };
        Directory.CreateDirectory(targetDirectory);
        var path = Path.Combine(targetDirectory, FileName);
        File.WriteAllText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    /// <summary>Reads the node results back from a run_results.json (dbt's or the runner's); a file that is not one is
    /// an <see cref="InvalidDataException"/> naming the file and what was missing.</summary>
    public static IReadOnlyList<NodeResult> Read(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not JSON: {e.Message}");
        }
        if (root?["results"] is not JsonArray results) throw new InvalidDataException($"{path} has no 'results' array: it is not a run_results.json");
        var list = new List<NodeResult>();
        foreach (var (node, i) in results.Select((n, i) => (n, i)))
        {
            var id = node?["unique_id"]?.GetValue<string>() ?? throw new InvalidDataException($"{path}: results[{i}] has no unique_id");
            var status = node["status"]?.GetValue<string>() ?? throw new InvalidDataException($"{path}: results[{i}] ({id}) has no status");
            var failures = node["failures"] is JsonValue f ? f.GetValue<long>() : 0;
            list.Add(new NodeResult(id, ParseStatus(path, id, status), failures, node["message"]?.GetValue<string>() ?? ""));
        }
        return list;
    }

    private static string Status(NodeStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>dbt's statuses: success, error, skipped for models, seeds and snapshots; pass, fail, warn, error, skipped for tests.</summary>
    private static NodeStatus ParseStatus(string path, string id, string status) => status switch
    {
        "success" => NodeStatus.Success,
        "error" or "runtime error" => NodeStatus.Error,
        "pass" => NodeStatus.Pass,
        "fail" => NodeStatus.Fail,
        "skipped" => NodeStatus.Skipped,
        "warn" => NodeStatus.Pass, // a test with severity warn found rows but does not fail the command
        _ => throw new InvalidDataException($"{path}: {id} has status '{status}', which is not one of dbt's"),
    };
}
