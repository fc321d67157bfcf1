using Npgsql;
using StatelessMind.Labs.Relational.Management;

namespace StatelessMind.Labs.Relational.Tests.Management;

/// <summary>
/// The management scripts of infra/postgres against a cluster they made themselves: each test runs a script
/// and then checks its effect through an ordinary client connection (what a role may do, which setting a new
/// session sees, which rows a restored database holds).
/// </summary>
public sealed class ManagementScriptTests(ScriptedClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ScriptedClusterFixture>
{
    private ScriptedCluster Cluster => fixture.Cluster;

    [Fact]
    [Goal("1.4-1")]
    public async Task The_app_role_reads_and_writes_its_tables_through_its_own_search_path()
    {
        await AsSuperuserAsync("shop", "SET ROLE shop_owner; CREATE TABLE IF NOT EXISTS app.item (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL)");

        await using var app = await OpenAsync("shop", "shop_app", ScriptedClusterFixture.AppPassword);
        // Unqualified names resolve in schema app (the role's search_path there); grants came from default privileges.
        Assert.Equal(1, await ExecuteAsync(app, "INSERT INTO item (name) VALUES ('kettle')"));
        Assert.Equal(1, await ExecuteAsync(app, "UPDATE item SET name = 'teapot' WHERE name = 'kettle'"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(app, "SELECT count(*) FROM item WHERE name = 'teapot'"));
        Assert.Equal(1, await ExecuteAsync(app, "DELETE FROM item WHERE name = 'teapot'"));
    }

    [Theory]
    [Goal("1.4-1")]
    [InlineData("CREATE TABLE app.sneaky (x int)", "DDL in its schema")]
    [InlineData("CREATE TABLE public.sneaky (x int)", "DDL in public")]
    [InlineData("CREATE TEMP TABLE sneaky (x int)", "temporary tables")]
    [InlineData("DROP TABLE app.item", "dropping a table it does not own")]
    [InlineData("TRUNCATE app.item", "TRUNCATE")]
    [InlineData("ALTER TABLE app.item ADD COLUMN extra int", "altering a table")]
    [InlineData("CREATE DATABASE sneaky", "creating databases")]
    [InlineData("CREATE ROLE sneaky", "creating roles")]
    [InlineData("SELECT rolpassword FROM pg_authid", "reading password hashes")]
    public async Task The_app_role_can_do_nothing_more(string statement, string what)
    {
        await AsSuperuserAsync("shop", "SET ROLE shop_owner; CREATE TABLE IF NOT EXISTS app.item (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL)");
        await using var app = await OpenAsync("shop", "shop_app", ScriptedClusterFixture.AppPassword);

        var e = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, statement));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        output.WriteLine($"{what}: refused with {e.SqlState} ({e.MessageText})");
    }

    [Fact]
    [Goal("1.4-1")]
    public async Task The_app_role_has_no_other_database_no_wrong_password_and_no_special_attributes()
    {
        var other = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync("crm", "shop_app", ScriptedClusterFixture.AppPassword));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, other.SqlState); // CONNECT on crm is crm_app's alone

        var wrong = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync("shop", "shop_app", "not-the-password"));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, wrong.SqlState); // scram-sha-256 checks it

        await using var conn = await OpenAsync("postgres", "postgres", ScriptedClusterFixture.SuperuserPassword);
        await using var cmd = new NpgsqlCommand(
            "SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin, rolconnlimit FROM pg_roles WHERE rolname = $1", conn)
        {
            Parameters = { new NpgsqlParameter { Value = "shop_app" } },
        };
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal([false, false, false, false, false, true], Enumerable.Range(0, 6).Select(r.GetBoolean));
        Assert.Equal(20, r.GetInt32(6));
    }

    [Fact]
    [Goal("1.4-1")]
    public async Task Creating_the_app_again_succeeds_and_changes_nothing()
    {
        const string grants = """
            SELECT string_agg(format('%s:%s', datname, datacl), ' ' ORDER BY datname) FROM pg_database WHERE datname IN ('shop', 'crm')
            """;
        var before = await ScalarAsync<string>("postgres", grants);

        var again = await Cluster.RunAsync("pg-create-app.sh", ["-d", "shop", "-r", "shop_app"], extraEnvironment: ScriptedClusterFixture.AppEnvironment);

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(before, await ScalarAsync<string>("postgres", grants));
        output.WriteLine(again.StandardError.Trim());
    }

    [Fact]
    [Goal("1.4-1")]
    public async Task A_reloadable_setting_changes_for_new_sessions_without_a_restart()
    {
        var startedAt = await ScalarAsync<DateTime>("postgres", "SELECT pg_postmaster_start_time()");
        try
        {
            var set = await Cluster.RunAsync("pg-config.sh", ["set", "work_mem", "64MB"]);

            Assert.Equal(0, set.ExitCode);
            Assert.Equal("work_mem: 4MB -> 64MB", set.StandardOutput.Trim());
            Assert.Equal("64MB", await ScalarAsync<string>("postgres", "SHOW work_mem"));
            Assert.Equal("64MB", (await Cluster.RunAsync("pg-config.sh", ["get", "work_mem"])).StandardOutput.Trim());
            Assert.Equal(startedAt, await ScalarAsync<DateTime>("postgres", "SELECT pg_postmaster_start_time()")); // reloaded, not restarted
            output.WriteLine($"{set.StandardOutput.Trim()} (server up since {startedAt:O}, not restarted)");
        }
        finally
        {
            (await Cluster.RunAsync("pg-config.sh", ["reset", "work_mem"])).EnsureSuccess();
        }
        Assert.Equal("4MB", await ScalarAsync<string>("postgres", "SHOW work_mem"));
    }

    [Fact]
    [Goal("1.4-1")]
    public async Task A_setting_that_needs_a_restart_says_so_and_a_bad_value_changes_nothing()
    {
        try
        {
            var restart = await Cluster.RunAsync("pg-config.sh", ["set", "shared_buffers", "64MB"]);
            Assert.Equal(3, restart.ExitCode);
            Assert.Contains("only after a restart", restart.StandardError, StringComparison.Ordinal);
            Assert.Equal("128MB", await ScalarAsync<string>("postgres", "SHOW shared_buffers"));
        }
        finally
        {
            (await Cluster.RunAsync("pg-config.sh", ["reset", "shared_buffers"])).EnsureSuccess();
        }

        var bad = await Cluster.RunAsync("pg-config.sh", ["set", "work_mem", "plenty"]);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("invalid value for parameter \"work_mem\"", bad.StandardError, StringComparison.Ordinal);
        Assert.Equal("4MB", await ScalarAsync<string>("postgres", "SHOW work_mem"));

        var unknown = await Cluster.RunAsync("pg-config.sh", ["set", "work_men", "8MB"]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no setting 'work_men'", unknown.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("1.4-1")]
    public async Task A_restored_backup_holds_the_same_rows_and_a_failed_restore_changes_nothing()
    {
        var database = "inventory_" + Guid.NewGuid().ToString("N")[..8];
        await AsSuperuserAsync("postgres", $"CREATE DATABASE {database}");
        await AsSuperuserAsync(database, """
            CREATE TABLE warehouse (id int PRIMARY KEY, city text NOT NULL);
            CREATE TABLE stock (warehouse_id int NOT NULL REFERENCES warehouse, sku text NOT NULL, qty int NOT NULL CHECK (qty >= 0),
                                PRIMARY KEY (warehouse_id, sku));
            CREATE SEQUENCE ticket_no;
            INSERT INTO warehouse SELECT g, 'city ' || g FROM generate_series(1, 20) g;
            INSERT INTO stock SELECT 1 + g % 20, 'SKU-' || g, g % 97 FROM generate_series(1, 5000) g;
            SELECT setval('ticket_no', 41);
            """);
        var folder = Path.Combine(Cluster.InstanceDirectory, "backups");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, database + ".dump");

        var backup = await Cluster.RunAsync("pg-backup.sh", ["-d", database, "-o", file]);
        Assert.Equal(0, backup.ExitCode);
        Assert.True(File.Exists(file));
        Assert.Empty(Directory.GetFiles(folder, "*.partial"));
        output.WriteLine(backup.StandardOutput.Trim());

        var restore = await Cluster.RunAsync("pg-restore.sh", ["-C", "-d", database + "_copy", "-i", file]);
        Assert.Equal(0, restore.ExitCode);
        Assert.Equal("restored 2 tables, 5020 rows", restore.StandardOutput.Trim());
        foreach (var query in new[]
                 {
                     "SELECT md5(string_agg(format('%s|%s', id, city), ',' ORDER BY id)) FROM warehouse",
                     "SELECT md5(string_agg(format('%s|%s|%s', warehouse_id, sku, qty), ',' ORDER BY warehouse_id, sku)) FROM stock",
                     "SELECT nextval('ticket_no')::text",
                 })
            Assert.Equal(await ScalarAsync<string>(database, query), await ScalarAsync<string>(database + "_copy", query));

        // Into a database that already has the tables: the first error rolls the whole restore back.
        var again = await Cluster.RunAsync("pg-restore.sh", ["-d", database + "_copy", "-i", file]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("rolled back", again.StandardError, StringComparison.Ordinal);
        Assert.Equal(5000L, await ScalarAsync<long>(database + "_copy", "SELECT count(*) FROM stock"));

        // An existing backup is never overwritten, and a failed dump leaves no file.
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal(1, (await Cluster.RunAsync("pg-backup.sh", ["-d", database, "-o", file])).ExitCode);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file));
        var missing = Path.Combine(folder, "missing.dump");
        Assert.Equal(1, (await Cluster.RunAsync("pg-backup.sh", ["-d", "no_such_database", "-o", missing])).ExitCode);
        Assert.False(File.Exists(missing));
        Assert.Empty(Directory.GetFiles(folder, "*.partial"));
    }

    [Fact]
    [Goal("1.4-1")]
    public async Task The_health_check_passes_on_a_running_server_and_fails_on_a_refused_login()
    {
        var healthy = await Cluster.RunAsync("pg-health.sh", []);
        Assert.Equal(0, healthy.ExitCode);
        Assert.StartsWith($"healthy: 127.0.0.1:{Cluster.Port} PostgreSQL 15", healthy.StandardOutput, StringComparison.Ordinal);
        output.WriteLine(healthy.StandardOutput.Trim());

        var refused = await Cluster.RunAsync("pg-health.sh", [], extraEnvironment: new Dictionary<string, string> { ["PGPASSWORD"] = "wrong" });
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("password authentication failed", refused.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("1.4-1")]
    public async Task A_backup_that_does_not_finish_in_time_is_stopped_and_leaves_no_file()
    {
        var (database, file) = await LockedDatabaseAsync("slow_backup");
        await using var holder = await HoldLockAsync(database, "LOCK TABLE warehouse IN ACCESS EXCLUSIVE MODE"); // pg_dump waits for it

        var backup = await Cluster.RunAsync("pg-backup.sh", ["-d", database, "-o", file, "-T", "2"]);

        Assert.Equal(1, backup.ExitCode);
        Assert.Contains("did not finish within 2s and was stopped; no backup was written", backup.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.partial"));
        output.WriteLine(backup.StandardError.Trim());
    }

    [Fact]
    [Goal("1.4-1")]
    public async Task A_restore_that_does_not_finish_in_time_is_stopped_and_rolled_back()
    {
        var (database, file) = await LockedDatabaseAsync("slow_restore");
        (await Cluster.RunAsync("pg-backup.sh", ["-d", database, "-o", file])).EnsureSuccess();
        var target = database + "_target";
        await AsSuperuserAsync("postgres", $"CREATE DATABASE {target}");
        var holder = await HoldLockAsync(target, "LOCK TABLE pg_catalog.pg_class IN SHARE MODE"); // CREATE TABLE waits for it

        var restore = await Cluster.RunAsync("pg-restore.sh", ["-d", target, "-i", file, "-T", "2"]);

        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("did not finish within 2s; it was stopped and rolled back", restore.StandardError, StringComparison.Ordinal);
        await holder.DisposeAsync(); // the stopped restore's server session now finds its client gone and rolls back
        await Eventually.UntilAsync(async () => await ScalarAsync<long>("postgres",
                $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{target}' AND application_name = 'pg-restore.sh'") == 0,
            TimeSpan.FromSeconds(30), "the stopped restore's session to end");
        Assert.Equal(0L, await ScalarAsync<long>(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
        output.WriteLine(restore.StandardError.Trim());
    }

    [Fact]
    [Goal("1.4-1")]
    public async Task A_script_still_running_at_its_time_limit_is_killed_and_named()
    {
        var (database, file) = await LockedDatabaseAsync("killed_backup");
        await using var holder = await HoldLockAsync(database, "LOCK TABLE warehouse IN ACCESS EXCLUSIVE MODE");

        var e = await Assert.ThrowsAsync<TimeoutException>(() => Cluster.RunAsync("pg-backup.sh", ["-d", database, "-o", file], timeout: TimeSpan.FromSeconds(2)));

        Assert.StartsWith($"pg-backup.sh -d {database} -o {file} did not finish within 2 s", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file)); // killed outright, the script could not clean up its .partial file, but no backup appeared
        output.WriteLine(e.Message);
    }

    [Fact]
    [Goal("1.4-1")]
    public async Task Planted_bug_a_backup_written_in_place_leaves_a_file_when_the_dump_fails()
    {
        var folder = Path.Combine(Cluster.InstanceDirectory, "planted");
        Directory.CreateDirectory(folder);
        var missing = Path.Combine(folder, "missing.dump");

        var failed = await Cluster.RunAsync("pg-backup.sh", ["-d", "no_such_database", "-o", missing],
            extraEnvironment: new Dictionary<string, string> { ["PG_BACKUP_PLANTED_BUG"] = "write-in-place" });

        Assert.Equal(1, failed.ExitCode);
        Assert.True(File.Exists(missing), "the check 'a failed backup leaves no file' catches the planted bug");
        output.WriteLine($"with the planted bug a failed dump left a {new FileInfo(missing).Length}-byte {Path.GetFileName(missing)}");
    }

    /// <summary>A database with one table, and where its backup would go.</summary>
    private async Task<(string Database, string File)> LockedDatabaseAsync(string prefix)
    {
        var database = $"{prefix}_{Guid.NewGuid().ToString("N")[..8]}";
        await AsSuperuserAsync("postgres", $"CREATE DATABASE {database}");
        await AsSuperuserAsync(database, "CREATE TABLE warehouse (id int PRIMARY KEY, city text NOT NULL); INSERT INTO warehouse VALUES (1, 'Utrecht')");
        var folder = Path.Combine(Cluster.InstanceDirectory, database); // its own: a killed script may leave a .partial file
        Directory.CreateDirectory(folder);
        return (database, Path.Combine(folder, database + ".dump"));
    }

    /// <summary>A superuser session holding <paramref name="lockStatement"/> in an open transaction until it is disposed.</summary>
    private async Task<NpgsqlConnection> HoldLockAsync(string database, string lockStatement)
    {
        var conn = await OpenConnectionAsync(Cluster.ConnectionStringFor(database));
        await Sql.ExecuteAsync(conn, default, "BEGIN", lockStatement);
        return conn;
    }

    private Task<NpgsqlConnection> OpenAsync(string database, string user, string password) => OpenConnectionAsync(Cluster.ConnectionStringFor(database, user, password));

    private static async Task<NpgsqlConnection> OpenConnectionAsync(string connectionString)
    {
        var conn = new NpgsqlConnection(connectionString);
        try
        {
            await conn.OpenAsync();
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    private Task AsSuperuserAsync(string database, string sql) => Sql.ExecuteAsync(Cluster.ConnectionStringFor(database), default, sql);

    private Task<T> ScalarAsync<T>(string database, string sql) => Sql.ScalarAsync<T>(Cluster.ConnectionStringFor(database), sql);

    private static Task<int> ExecuteAsync(NpgsqlConnection conn, string sql) => Sql.ExecuteAsync(conn, default, sql);
}
