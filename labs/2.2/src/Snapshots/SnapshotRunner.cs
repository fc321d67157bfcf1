using Npgsql;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Graph;
using StatelessMind.Labs.Transformation.Jinja;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Transformation.Snapshots;

/// <summary>
/// <c>dbt snapshot</c>: every <c>{% snapshot name %} … {% endsnapshot %}</c> file under the project's snapshot-paths
/// is rendered with the project's macros, ref and source; its config() gives the strategy; the first run creates
/// <c>target_schema.name</c>, each later run closes the versions that changed (or vanished, with
/// invalidate_hard_deletes) and inserts their new versions, in one transaction per snapshot.
/// </summary>
public static class SnapshotRunner
{
    /// <summary>The snapshot files of the project, rendered and configured (no database needed).</summary>
    public static IReadOnlyList<SnapshotFile> Load(DbtRunner runner)
    {
        var root = runner.Project.Root;
        var yml = Yaml.LoadMapping(Path.Combine(root, "dbt_project.yml"));
        var folders = yml.TryGetValue("snapshot-paths", out var v) && v is List<object?> l ? l.Select(x => x!.ToString()!).ToArray() : ["snapshots"];
        var files = new List<SnapshotFile>();
        foreach (var file in folders.Select(f => Path.Combine(root, f)).Where(Directory.Exists)
                     .SelectMany(d => Directory.EnumerateFiles(d, "*.sql", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
            var text = File.ReadAllText(file);
            var name = SnapshotName(rel, text);
            var config = new Dictionary<string, object?>(StringComparer.Ordinal);
            var sql = runner.RenderResource(rel, text, new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["config"] = (JinjaFunction)((args, kwargs) =>
                {
                    if (args.Count > 0) throw new JinjaCallException("config() takes keyword arguments only");
                    foreach (var (k, value) in kwargs) config[k] = value;
                    return "";
                }),
            });
            if (files.Any(f => f.Name == name)) throw new DbtProjectException(rel, $"two snapshots are named '{name}'");
            files.Add(new SnapshotFile(name, rel, SnapshotConfig.From(rel, config), sql.Trim()));
        }
        return files;
    }

    /// <summary>The name of the one snapshot block a file holds; a file without one is an error, as in dbt.</summary>
    private static string SnapshotName(string file, string text)
    {
        var match = System.Text.RegularExpressions.Regex.Matches(text, @"\{%-?\s*snapshot\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}");
        return match.Count == 1 ? match[0].Groups[1].Value
            : throw new DbtProjectException(file, match.Count == 0 ? "a snapshot file needs a {% snapshot name %} block" : "a snapshot file holds one snapshot block");
    }

    /// <summary>Runs the project's snapshots (or the one named in <paramref name="options"/>) on the runner's target database.</summary>
    public static async Task<IReadOnlyList<NodeResult>> RunAsync(DbtRunner runner, SnapshotRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SnapshotRunOptions();
        var snapshots = Load(runner).Where(s => options.Select is null || s.Name == options.Select).ToList();
        if (options.Select is not null && snapshots.Count == 0) throw new UnknownNodeException(options.Select, options.Select);
        await using var connection = new NpgsqlConnection(runner.Target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        DateTime now;
        if (options.Now is { } given) now = given;
        else
        {
            await using var clock = new NpgsqlCommand("select now()::timestamp without time zone", connection);
            now = (DateTime)(await clock.ExecuteScalarAsync(cancellationToken))!;
        }
        var results = new List<NodeResult>();
        foreach (var snapshot in snapshots)
        {
            var id = $"snapshot.{runner.Project.Name}.{snapshot.Name}";
            try
            {
                results.Add(new NodeResult(id, NodeStatus.Success, 0, await RunOneAsync(runner, connection, snapshot, now, options.Bug, cancellationToken)));
            }
            catch (PostgresException e)
            {
                results.Add(new NodeResult(id, NodeStatus.Error, 0, $"{snapshot.RelativePath}: {e.MessageText}"));
            }
        }
        return results;
    }

    private static async Task<string> RunOneAsync(DbtRunner runner, NpgsqlConnection connection, SnapshotFile snapshot, DateTime now, SnapshotBug bug, CancellationToken cancellationToken)
    {
        var target = new Relation(snapshot.Config.TargetSchema, snapshot.Name);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        async Task<int> ExecAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, tx);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await ExecAsync($"create schema if not exists \"{target.Schema}\"");
        bool exists;
        await using (var check = new NpgsqlCommand("select to_regclass($1) is not null", connection, tx))
        {
            check.Parameters.AddWithValue(target.ToString());
            exists = (bool)(await check.ExecuteScalarAsync(cancellationToken))!;
        }
        var statements = new List<string>();
        string message;
        if (!exists)
        {
            statements.Add(SnapshotSql.Create(target, snapshot.Sql, snapshot.Config, now));
            message = $"created {target}";
        }
        else
        {
            var columns = await ColumnsAsync(connection, tx, snapshot.Sql, cancellationToken);
            var staging = $"\"{snapshot.Name}__dbt_tmp\"";
            statements.Add($"create temporary table {staging} on commit drop as (\n{SnapshotSql.Staging(target, snapshot.Sql, snapshot.Config, columns, now, bug)}\n)");
            statements.AddRange(SnapshotSql.Merge(target, staging, columns, bug));
            message = $"merged into {target}";
        }
        WriteTarget(runner, snapshot, string.Join(";\n\n", statements) + ";\n");
        var counts = new List<int>();
        foreach (var sql in statements) counts.Add(await ExecAsync(sql));
        await tx.CommitAsync(cancellationToken);
        return exists ? $"{message}: {(counts.Count == 3 ? counts[1] : 0)} versions closed, {counts[^1]} inserted" : $"{message} ({counts[^1]} rows)";
    }

    /// <summary>The select's columns, in order, as PostgreSQL names them.</summary>
    private static async Task<IReadOnlyList<string>> ColumnsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select * from (\n{sql}\n) dbt_sbq limit 0", connection, tx);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
    }

    private static void WriteTarget(DbtRunner runner, SnapshotFile snapshot, string sql)
    {
        var path = Path.Combine(runner.TargetDirectory, "run", runner.Project.Name, snapshot.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, sql);
    }
}
