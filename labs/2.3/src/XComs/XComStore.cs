using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using StatelessMind.Labs.Orchestration.Execution;

namespace StatelessMind.Labs.Orchestration.XComs;

/// <summary>
/// XComs persisted in PostgreSQL (table xcom): small typed values a task pushes and a later task of the same run pulls.
/// A value is stored as JSON with its .NET type name; a pull checks the type and the run.
/// </summary>
public sealed class XComStore(NpgsqlDataSource dataSource, int maxBytes = XComStore.DefaultMaxBytes, OrchestrationBug bug = OrchestrationBug.None)
{
    /// <summary>64 KiB: room for ids, counts, paths and short lists.</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    public const string ReturnValueKey = "return_value";

    public int MaxBytes => maxBytes;

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> for the task instance (replacing an earlier push of the same key).</summary>
    public async Task PushAsync(TaskInstanceKey owner, string key, object? value, CancellationToken cancellationToken = default)
    {
        #region Exercise 2.3-3a: serialise the value with its type, refuse one over the size limit, and upsert it for this task instance (tests: XComTests, TaskMappingTests)
        var json = value is null ? "null"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(value, value.GetType());
        if (json.Length > maxBytes) throw new XComTooLargeException(owner.ToString(), key, json.Length, maxBytes);
        await using var command = dataSource.CreateCommand(
            """
            insert into xcom (dag_id, run_id, task_id, map_index, key, value_type, value, bytes)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (dag_id, run_id, task_id, map_index, key)
            do update set value_type = excluded.value_type, value = excluded.value, bytes = excluded.bytes, id = nextval('xcom_id_seq')
            """);
        command.Parameters.Add(new() { Value = owner.DagId });
        command.Parameters.Add(new() { Value = owner.RunId });
        command.Parameters.Add(new() { Value = owner.TaskId });
        command.Parameters.Add(new() { Value = owner.MapIndex });
        command.Parameters.Add(new() { Value = key });
        command.Parameters.Add(new() { Value = value?.GetType().FullName ?? "null" });
        command.Parameters.Add(new() { Value = System.Text.Encoding.UTF8.GetString(json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = json.Length });
        await command.ExecuteNonQueryAsync(cancellationToken);
        #endregion
    }

    /// <summary>The values a task pushed under <paramref name="key"/> in one run, by map index (one entry for an unmapped task).</summary>
    public async Task<IReadOnlyList<(int MapIndex, string Type, string Json)>> ReadAsync(string dagId, string runId, string taskId, string key, CancellationToken cancellationToken = default)
    {
        var sql = bug == OrchestrationBug.XComFromWrongRun
            ? "select distinct on (map_index) map_index, value_type, value::text from xcom where dag_id = $1 and task_id = $3 and key = $4 and $2 = $2 order by map_index, id desc"
            : "select map_index, value_type, value::text from xcom where dag_id = $1 and run_id = $2 and task_id = $3 and key = $4 order by map_index";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = dagId });
        command.Parameters.Add(new() { Value = runId });
        command.Parameters.Add(new() { Value = taskId });
        command.Parameters.Add(new() { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(int, string, string)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    /// <summary>The value of one task instance, as <typeparamref name="T"/>; a clear error if it is missing or of another type.</summary>
    public async Task<T> PullAsync<T>(string dagId, string runId, string taskId, string key = ReturnValueKey, CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync(dagId, runId, taskId, key, cancellationToken);
        if (rows.Count == 0) throw new XComNotFoundException($"No XCom '{key}' from task '{taskId}' in run '{runId}' of DAG '{dagId}'.");
        if (rows.Count > 1) throw new XComNotFoundException($"Task '{taskId}' is mapped ({rows.Count} instances): pull all of its XComs with PullMappedAsync.");
        return Convert<T>(rows[0], taskId, key);
    }

    /// <summary>The values of every instance of a mapped task, in map-index order (the reduce step's input).</summary>
    public async Task<IReadOnlyList<T>> PullMappedAsync<T>(string dagId, string runId, string taskId, string key = ReturnValueKey, CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync(dagId, runId, taskId, key, cancellationToken);
        return [.. rows.Select(r => Convert<T>(r, taskId, key))];
    }

    private static T Convert<T>((int MapIndex, string Type, string Json) row, string taskId, string key)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(row.Json)!;
        }
        catch (JsonException e)
        {
            throw new XComNotFoundException($"XCom '{key}' of task '{taskId}' holds a {row.Type}, which cannot be read as {typeof(T).Name}: {e.Message}");
        }
    }
}
