using System.Text.Json;

namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>
/// The structured log of one task try, one JSON object per line, in Airflow's log tree:
/// <c>{root}/dag_id={dag}/run_id={run}/task_id={task}[/map_index={i}]/attempt={try}.log</c>.
/// </summary>
public sealed class TaskLog
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly TaskInstanceKey _key;
    private readonly int _tryNumber;

    internal TaskLog(string root, TaskInstanceKey key, int tryNumber, TimeProvider clock)
    {
        _clock = clock;
        _key = key;
        _tryNumber = tryNumber;
        Path = PathFor(root, key, tryNumber);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
    }

    public string Path { get; }

    public static string PathFor(string root, TaskInstanceKey key, int tryNumber)
    {
        var dir = System.IO.Path.Combine(root, $"dag_id={key.DagId}", $"run_id={Safe(key.RunId)}", $"task_id={key.TaskId}");
        if (key.MapIndex >= 0) dir = System.IO.Path.Combine(dir, $"map_index={key.MapIndex}");
        return System.IO.Path.Combine(dir, $"attempt={tryNumber}.log");
    }

    private static string Safe(string runId) => runId.Replace(':', '_').Replace('/', '_');

    public void Info(string evt, Dictionary<string, string>? fields = null) => Write("info", evt, fields);

    public void Error(string evt, Dictionary<string, string>? fields = null) => Write("error", evt, fields);

    private void Write(string level, string evt, Dictionary<string, string>? fields)
    {
        var record = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["timestamp"] = _clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["level"] = level,
            ["event"] = evt,
            ["dag_id"] = _key.DagId,
            ["run_id"] = _key.RunId,
            ["task_id"] = _key.TaskId,
            ["map_index"] = _key.MapIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["try_number"] = _tryNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in fields ?? []) record[k] = v;
        var line = JsonSerializer.Serialize(record) + "\n";
        lock (_gate) File.AppendAllText(Path, line);
    }

    /// <summary>Reads a log file back: one dictionary per line.</summary>
    public static IReadOnlyList<Dictionary<string, string>> Read(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Dictionary<string, string>>(l)!)];
}
