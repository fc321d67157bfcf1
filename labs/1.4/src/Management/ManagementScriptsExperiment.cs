using System.Diagnostics;
using System.Globalization;
using Npgsql;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Relational.Management;

/// <summary>
/// Goal 1.4-1: a cluster's whole life through the Bash scripts - init, start, health, an application database
/// with a least-privilege role, data written by that role, a configuration reload, backup, restore into a new
/// database, a backup that must fail, stop, health while down - timing each step and checking its effect.
/// </summary>
/// <param name="bug">A deliberate mistake to run the scripts with (tests only): a check must then fail.</param>
public sealed class ManagementScriptsExperiment(ScriptBug bug) : IExperiment
{
    public ManagementScriptsExperiment() : this(ScriptBug.None) { }

    public string GoalId => "1.4-1";
    public string Title => "PostgreSQL set up and managed with Bash scripts";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var rows = context.Size(20_000, 1_000_000);
        var finding = new FindingBuilder(GoalId, Title);
        var steps = new List<(string Step, string Command, double Ms, int Exit)>();

        async Task<CommandResult> Step(string step, string command, Func<Task<CommandResult>> run)
        {
            context.Report(steps.Count / 12.0, step);
            var start = Stopwatch.GetTimestamp();
            var result = await run();
            steps.Add((step, command, Stopwatch.GetElapsedTime(start).TotalMilliseconds, result.ExitCode));
            return result;
        }

        // pg-init.sh runs inside CreateAsync; time it from the outside.
        var initStart = Stopwatch.GetTimestamp();
        await using var cluster = await ScriptedCluster.CreateAsync(
            new ScriptedClusterOptions { Name = "experiment", SuperuserPassword = "experiment-superuser", Durable = context.Scale == Scale.Full }, start: false, cancellationToken);
        steps.Add(("create the cluster", "pg-init.sh -D DIR -p PORT", Stopwatch.GetElapsedTime(initStart).TotalMilliseconds, 0));

        var started = await Step("start", "pg-ctl.sh -D DIR start", () => cluster.RunAsync("pg-ctl.sh", ["-D", cluster.DataDirectory, "start"], cancellationToken));
        var healthy = await Step("health check (up)", "pg-health.sh", () => cluster.RunAsync("pg-health.sh", [], cancellationToken));
        var app = new Dictionary<string, string> { ["APP_PASSWORD"] = "experiment-app" };
        var backupEnvironment = bug == ScriptBug.BackupWrittenInPlace ? new Dictionary<string, string> { ["PG_BACKUP_PLANTED_BUG"] = "write-in-place" } : null;
        var created = await Step("database + least-privilege role", "pg-create-app.sh -d shop -r shop_app",
            () => cluster.RunAsync("pg-create-app.sh", ["-d", "shop", "-r", "shop_app"], cancellationToken, app));
        finding.Check(started.Succeeded && healthy.Succeeded && created.Succeeded, "init, start, health check and pg-create-app.sh exit 0");

        // The owner creates the table; the application role writes the rows (its grants come from default privileges).
        await using (var owner = new NpgsqlConnection(cluster.ConnectionStringFor("shop")))
        {
            await owner.OpenAsync(cancellationToken);
            await using var ddl = new NpgsqlCommand(
                "SET ROLE shop_owner; CREATE TABLE app.event (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL, payload text NOT NULL)", owner);
            await ddl.ExecuteNonQueryAsync(cancellationToken);
        }
        string appConnection = cluster.ConnectionStringFor("shop", "shop_app", "experiment-app");
        var loadStart = Stopwatch.GetTimestamp();
        await using (var writer = new NpgsqlConnection(appConnection))
        {
            await writer.OpenAsync(cancellationToken);
            await using var load = new NpgsqlCommand(
                "INSERT INTO event (at, payload) SELECT timestamptz '2026-01-01' + g * interval '1 second', md5(g::text) FROM generate_series(1, $1) g", writer)
            {
                Parameters = { new NpgsqlParameter<int> { TypedValue = rows } },
                CommandTimeout = 600,
            };
            await load.ExecuteNonQueryAsync(cancellationToken);
            await using var sneaky = new NpgsqlCommand("CREATE TABLE app.sneaky (x int)", writer);
            var refused = await RefusedWithAsync(sneaky, cancellationToken);
            finding.Check(refused == PostgresErrorCodes.InsufficientPrivilege, $"the application role may write rows but not create tables (got {refused ?? "no error"})");
        }
        steps.Add(($"write {rows:N0} rows as shop_app", "INSERT … SELECT (Npgsql)", Stopwatch.GetElapsedTime(loadStart).TotalMilliseconds, 0));

        var reload = await Step("config change + reload", "pg-config.sh set work_mem 32MB",
            () => cluster.RunAsync("pg-config.sh", ["set", "work_mem", "32MB"], cancellationToken));
        var seen = await Sql.ScalarAsync<string>(cluster.ConnectionStringFor("shop"), "SHOW work_mem", cancellationToken);
        finding.Check(reload.Succeeded && seen == "32MB", $"after pg-config.sh a new session sees work_mem = 32MB (saw {seen})");

        var databaseBytes = await Sql.ScalarAsync<long>(cluster.ConnectionStringFor("shop"), "SELECT pg_database_size('shop')", cancellationToken);
        var dump = Path.Combine(cluster.InstanceDirectory, "shop.dump");
        var backup = await Step("backup", "pg-backup.sh -d shop -o shop.dump", () => cluster.RunAsync("pg-backup.sh", ["-d", "shop", "-o", dump], cancellationToken, backupEnvironment));
        var dumpBytes = File.Exists(dump) ? new FileInfo(dump).Length : 0;
        var restore = await Step("restore into a new database", "pg-restore.sh -C -d shop_restored -i shop.dump",
            () => cluster.RunAsync("pg-restore.sh", ["-C", "-d", "shop_restored", "-i", dump], cancellationToken));
        var restoreMs = steps[^1].Ms;

        const string fingerprint = "SELECT count(*) || ' rows, md5 ' || md5(string_agg(id || '|' || at || '|' || payload, ',' ORDER BY id)) FROM app.event";
        var original = await Sql.ScalarAsync<string>(Patient(cluster.ConnectionStringFor("shop")), fingerprint, cancellationToken);
        var restored = restore.Succeeded ? await Sql.ScalarAsync<string>(Patient(cluster.ConnectionStringFor("shop_restored")), fingerprint, cancellationToken) : "nothing";
        finding.Check(backup.Succeeded && restore.Succeeded && original == restored, $"the restored database holds the same rows ({restored})");

        // A backup that cannot be taken must leave no file that looks like one.
        var missing = Path.Combine(cluster.InstanceDirectory, "missing.dump");
        var failed = await Step("backup of a database that does not exist", "pg-backup.sh -d no_such_database -o missing.dump",
            () => cluster.RunAsync("pg-backup.sh", ["-d", "no_such_database", "-o", missing], cancellationToken, backupEnvironment));
        finding.Check(failed.ExitCode == 1 && !File.Exists(missing),
            $"a failed backup exits 1 and leaves no file (exit {failed.ExitCode}, {(File.Exists(missing) ? $"a {new FileInfo(missing).Length}-byte file was left" : "no file")})");

        var stopped = await Step("stop", "pg-ctl.sh -D DIR stop", () => cluster.RunAsync("pg-ctl.sh", ["-D", cluster.DataDirectory, "stop"], cancellationToken));
        var down = await Step("health check (down)", "pg-health.sh -t 2", () => cluster.RunAsync("pg-health.sh", ["-t", "2"], cancellationToken));
        finding.Check(stopped.Succeeded && down.ExitCode == 1, $"with the server stopped the health check fails (exit {down.ExitCode}: {down.StandardOutput.Trim()})");

        var plot = new ScottPlot.Plot();
        var bars = plot.Add.Bars(steps.Select(s => s.Ms).Reverse().ToArray());
        bars.Horizontal = true;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, steps.Count).Select(i => (double)i)], [.. steps.Select(s => s.Step).Reverse()]);
        plot.Axes.Bottom.Label.Text = "milliseconds";
        plot.Title($"Cluster life through infra/postgres ({rows:N0} rows)");
        finding.Plot(context.SavePlot(plot, "management-steps.png", "Time of each management step, one run"));

        return finding
            .Figure("backup size / database size", (double)dumpBytes / databaseBytes, "×", key: true)
            .Figure("restore time", restoreMs / 1000, "s", key: true)
            .Figure("database size", databaseBytes / 1e6, "MB")
            .Figure("backup size", dumpBytes / 1e6, "MB")
            .Figure("restore rate", rows / (restoreMs / 1000), "rows/s")
            .Figure("config reload until visible", steps.Single(s => s.Command.StartsWith("pg-config", StringComparison.Ordinal)).Ms, "ms")
            .Table(FindingTable.Of("Steps", ["step", "command", "ms", "exit"],
                steps.Select(s => new object[] { s.Step, s.Command, Math.Round(s.Ms, 1), s.Exit })))
            .Note($"Embedded cluster made by pg-init.sh (scram-sha-256, page checksums, fsync {(context.Scale == Scale.Full ? "on" : "off (small scale)")}), run as {(HostCommands.IsRoot ? "the postgres OS user (the scripts were invoked as root)" : Environment.UserName)}.")
            .Note("Custom-format pg_dump at -Z 6; the restore runs in one transaction, so its time includes rebuilding the primary key index.")
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"{steps.Count} management steps ran through infra/postgres; a {dumpBytes / 1e6:0.#} MB backup of a {databaseBytes / 1e6:0.#} MB database with {rows:N0} rows was restored in {restoreMs / 1000:0.##} s."));
    }

    /// <summary>Fingerprinting a million rows takes longer than a command's default 30 s on a loaded machine.</summary>
    private static string Patient(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 600 }.ConnectionString;

    private static async Task<string?> RefusedWithAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return null;
        }
        catch (PostgresException e)
        {
            return e.SqlState;
        }
    }
}
