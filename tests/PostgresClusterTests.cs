using Npgsql;

namespace StatelessMind.Tests;

/// <summary>The embedded PostgreSQL: starts from the installed binaries, serves, replicates, and leaves nothing behind.</summary>
public sealed class PostgresClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_cluster_starts_accepts_connections_and_is_gone_after_dispose()
    {
        var cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions
        {
            Name = "harness-test",
            Settings = new Dictionary<string, string> { ["work_mem"] = "'7MB'" },
        });
        var pid = cluster.PostmasterPid;
        var folder = cluster.InstanceDirectory;
        await using (var conn = await cluster.OpenConnectionAsync())
        {
            await using var cmd = new NpgsqlCommand("SELECT current_setting('work_mem'), current_setting('server_version_num')::int", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("7MB", reader.GetString(0)); // the configured setting took effect
            Assert.True(reader.GetInt32(1) >= 150000);
            output.WriteLine($"{cluster}: server_version_num {reader.GetInt32(1)}");
        }
        Assert.NotNull(pid);

        await cluster.DisposeAsync();

        Assert.False(HostCommands.IsAlive(pid!.Value), "the postmaster still runs after dispose");
        Assert.False(Directory.Exists(folder), "the cluster's folder was not removed");
        // Pooling off: a pooled idle connection would be handed out without touching the server.
        await using var after = new NpgsqlConnection(cluster.ConnectionString + ";Pooling=false");
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => after.OpenAsync());
    }

    [Fact]
    public async Task A_primary_and_a_replica_run_at_once_and_the_replica_streams()
    {
        await using var primary = await PostgresCluster.StartAsync(new PostgresClusterOptions { Name = "primary" });
        await using var replica = await primary.CreateReplicaAsync(new PostgresReplicaOptions { Name = "replica1", SlotName = "replica1" });
        Assert.NotEqual(primary.Port, replica.Port);

        await using (var conn = await primary.OpenConnectionAsync())
        {
            await using var cmd = new NpgsqlCommand("CREATE TABLE t(v int); INSERT INTO t VALUES (42);", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        await using var standby = await replica.OpenConnectionAsync();
        await using (var recovery = new NpgsqlCommand("SELECT pg_is_in_recovery()", standby))
            Assert.True((bool)(await recovery.ExecuteScalarAsync())!);

        // Streaming is asynchronous: wait (with a deadline) until the row is replayed.
        var value = await Eventually.ValueAsync(async () =>
        {
            await using var cmd = new NpgsqlCommand("SELECT v FROM t", standby);
            return (int?)await cmd.ExecuteScalarAsync();
        }, v => v is not null, TimeSpan.FromSeconds(30), "the replica to replay table t",
            transient: e => e is PostgresException { SqlState: "42P01" });
        Assert.Equal(42, value);

        await using var primaryConn = await primary.OpenConnectionAsync();
        await using var status = new NpgsqlCommand("SELECT application_name, state FROM pg_stat_replication", primaryConn);
        await using var reader = await status.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("replica1", reader.GetString(0));
        Assert.Equal("streaming", reader.GetString(1));
    }

    [Fact]
    public async Task A_killed_cluster_restarts_with_its_committed_data()
    {
        await using var cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions { Name = "crash" });
        await using (var conn = await cluster.OpenConnectionAsync())
        {
            await using var cmd = new NpgsqlCommand("CREATE TABLE t(v int); INSERT INTO t SELECT generate_series(1, 1000);", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        NpgsqlConnection.ClearAllPools();
        await cluster.KillAsync();
        Assert.False(cluster.IsRunning);
        try
        {
            await cluster.StartAsync();
        }
        catch (CommandFailedException)
        {
            output.WriteLine(cluster.ReadLog());
            throw;
        }
        await using var again = await cluster.OpenConnectionAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM t", again);
        Assert.Equal(1000L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Each_caller_gets_its_own_database()
    {
        await using var server = await PostgresServer.AcquireAsync();
        var a = await server.CreateDatabaseAsync("alpha");
        var b = await server.CreateDatabaseAsync("alpha");
        Assert.NotEqual(new NpgsqlConnectionStringBuilder(a).Database, new NpgsqlConnectionStringBuilder(b).Database);
        await using var conn = new NpgsqlConnection(a);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT current_database()", conn);
        Assert.StartsWith("alpha_", (string)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public void Missing_server_binaries_fail_at_once_naming_the_package_and_the_variable()
    {
        var e = Assert.Throws<ServiceUnavailableException>(() => PostgresBinaries.LocateIn(["/nonexistent/postgresql/bin"]));
        Assert.Contains("'postgresql'", e.Message);
        Assert.Contains("SM_POSTGRES", e.Message);
    }
}
