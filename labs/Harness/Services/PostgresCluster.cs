using System.Globalization;
using System.Text;
using Npgsql;

namespace StatelessMind.Harness.Services;

/// <summary>
/// A throwaway PostgreSQL cluster built from the installed server programs: its own data folder,
/// a free loopback port, no Unix socket, trust authentication on loopback. Several can run at
/// once (a primary and its replicas). Disposing stops it and removes its folder; a process that
/// dies without disposing has its clusters swept by <see cref="ServiceWorkspace"/> on the next start.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly PostgresBinaries _bin;
    private System.Diagnostics.Process? _server;
    private bool _disposed;

    private PostgresCluster(PostgresBinaries bin, string name, string instanceDirectory, int port)
    {
        _bin = bin;
        Name = name;
        InstanceDirectory = instanceDirectory;
        Port = port;
    }

    public string Name { get; }

    /// <summary>Holds <see cref="DataDirectory"/>, the server log and any folders a lab adds (WAL archive, backups).</summary>
    public string InstanceDirectory { get; }

    public string DataDirectory => Path.Combine(InstanceDirectory, "data");
    public string LogFile => Path.Combine(InstanceDirectory, "server.log");
    public int Port { get; private set; }
    public PostgresBinaries Binaries => _bin;

    /// <summary>The OS user the server runs as (null: the current user).</summary>
    public string? ServerUser => _bin.ServerUser;

    public string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        IncludeErrorDetail = true,
        ApplicationName = "stateless-mind",
    }.ConnectionString;

    /// <summary>The postmaster's pid while it runs, from postmaster.pid.</summary>
    public int? PostmasterPid
    {
        get
        {
            var file = Path.Combine(DataDirectory, "postmaster.pid");
            try
            {
                var first = File.Exists(file) ? File.ReadLines(file).FirstOrDefault() : null;
                return int.TryParse(first, out var pid) && HostCommands.IsAlive(pid) ? pid : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    public bool IsRunning => PostmasterPid is not null;

    /// <summary>initdb a new cluster and start it.</summary>
    public static async Task<PostgresCluster> StartAsync(PostgresClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresClusterOptions();
        var bin = PostgresBinaries.Locate();
        var cluster = await CreateInstanceAsync(bin, options.Name, cancellationToken);
        try
        {
            var initdb = new List<string> { "-D", cluster.DataDirectory, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8" };
            if (options.DataChecksums) initdb.Add("--data-checksums");
            await cluster.RunToolAsync("initdb", initdb, cancellationToken);
            var settings = BaseSettings(options.Name);
            foreach (var (k, v) in options.Settings) settings[k] = v;
            cluster.AppendSettings(settings);
            await cluster.StartServerWithPortRetryAsync(options.StartTimeout, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A streaming replica of this (running) cluster: pg_basebackup -R -X stream, optionally with a
    /// physical replication slot, then started as a hot standby on its own port.
    /// </summary>
    public async Task<PostgresCluster> CreateReplicaAsync(PostgresReplicaOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresReplicaOptions();
        if (!IsRunning) throw new InvalidOperationException($"Cluster '{Name}' must be running to take a base backup from it.");
        if (options.SlotName is { } slot)
        {
            await using var conn = await OpenConnectionAsync(cancellationToken: cancellationToken);
            await using var cmd = new NpgsqlCommand(
                "SELECT pg_create_physical_replication_slot(@slot) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = @slot)", conn);
            cmd.Parameters.AddWithValue("slot", slot);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        var replica = await CreateInstanceAsync(_bin, options.Name, cancellationToken);
        try
        {
            var args = new List<string> { "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
                                          "-D", replica.DataDirectory, "-R", "-X", "stream", "--no-sync", "-c", "fast" };
            if (options.SlotName is { } s) args.AddRange(["-S", s]);
            await replica.RunToolAsync("pg_basebackup", args, cancellationToken);
            var settings = new Dictionary<string, string>(BaseSettings(options.Name));
            foreach (var (k, v) in options.Settings) settings[k] = v;
            replica.AppendSettings(settings);
            await replica.StartServerWithPortRetryAsync(options.StartTimeout, cancellationToken);
            return replica;
        }
        catch
        {
            await replica.DisposeAsync();
            throw;
        }
    }

    private static Dictionary<string, string> BaseSettings(string name) => new()
    {
        ["listen_addresses"] = "'127.0.0.1'",
        ["unix_socket_directories"] = "''",
        ["cluster_name"] = Quote(name),
        ["wal_log_hints"] = "on", // pg_rewind needs hint-bit changes WAL-logged
        ["hot_standby"] = "on",
        ["max_wal_senders"] = "10",
        ["max_replication_slots"] = "10",
        ["logging_collector"] = "off",
    };

    private static async Task<PostgresCluster> CreateInstanceAsync(PostgresBinaries bin, string name, CancellationToken ct)
    {
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
        var dir = ServiceWorkspace.CreateInstanceDirectory("pg-" + safe);
        var cluster = new PostgresCluster(bin, name, dir, FreePort.Next());
        ServiceWorkspace.Register(dir, cluster.DisposeAsync);
        if (bin.ServerUser is { } user) await HostCommands.GiveToUserAsync(dir, user, ct);
        return cluster;
    }

    /// <summary>Writes settings at the end of postgresql.conf (later lines win). Takes effect at the next start or reload.</summary>
    public void AppendSettings(IReadOnlyDictionary<string, string> settings)
    {
        var text = new StringBuilder("\n# --- stateless-mind harness ---\n");
        foreach (var (k, v) in settings) text.Append(CultureInfo.InvariantCulture, $"{k} = {v}\n");
        File.AppendAllText(Path.Combine(DataDirectory, "postgresql.conf"), text.ToString());
    }

    /// <summary>Quotes a string setting value for postgresql.conf.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private async Task StartServerWithPortRetryAsync(TimeSpan timeout, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            AppendSettings(new Dictionary<string, string> { ["port"] = Port.ToString(CultureInfo.InvariantCulture) });
            try
            {
                await StartAsync(timeout, ct);
                return;
            }
            catch (CommandFailedException) when (attempt < 3 && ReadLog().Contains("could not bind", StringComparison.Ordinal))
            {
                Port = FreePort.Next(); // another process took the port between probe and bind
            }
        }
    }

    /// <summary>
    /// Starts the server (again) on its data folder and waits until it accepts connections.
    /// The postmaster runs as a child of this process (not daemonised by pg_ctl), so that when it
    /// dies — stopped or killed — its exit is reaped here and no zombie keeps its pid "alive".
    /// </summary>
    public async Task StartAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (IsRunning) throw new InvalidOperationException($"Cluster '{Name}' is already running (pid {PostmasterPid}).");
        // A crash leaves postmaster.pid behind (saying "ready"); its process is gone, so it is stale.
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile)) File.Delete(pidFile);
        var psi = HostCommands.StartInfo("/bin/sh",
            ["-c", "exec \"$0\" -D \"$1\" >>\"$2\" 2>&1 </dev/null", _bin.Tool("postgres"), DataDirectory, LogFile], _bin.ServerUser);
        psi.RedirectStandardOutput = psi.RedirectStandardError = psi.RedirectStandardInput = false;
        _server?.Dispose();
        var server = _server = System.Diagnostics.Process.Start(psi)!;
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        try
        {
            await Eventually.UntilAsync(() => server.HasExited || ReadPidFileStatus() == "ready", limit,
                $"cluster '{Name}' to accept connections", cancellationToken);
        }
        catch (TimeoutException)
        {
            // Not ready in time: stop the half-started server, so that the failure leaves nothing running.
            if (!server.HasExited) server.Kill(entireProcessTree: true);
        }
        if (server.HasExited || ReadPidFileStatus() != "ready")
        {
            var why = server.HasExited ? $"the server exited with code {server.ExitCode}" : $"it was not ready within {limit.TotalSeconds:0} s";
            throw new CommandFailedException($"postgres -D {DataDirectory}", server.HasExited ? server.ExitCode : -1,
                $"Cluster '{Name}' did not start: {why}.\n--- last lines of {LogFile} ---\n{TailOfLog(30)}");
        }
        if (PostmasterPid is { } pid) ServiceWorkspace.RecordServerPid(InstanceDirectory, pid);
    }

    /// <summary>Line 8 of postmaster.pid: "starting", "ready", "standby" or "stopping" (what pg_ctl -w waits on).</summary>
    private string? ReadPidFileStatus()
    {
        try
        {
            var file = Path.Combine(DataDirectory, "postmaster.pid");
            if (!File.Exists(file)) return null;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return lines.Length > 7 ? lines[7].Trim() switch { "standby" => "ready", var x => x } : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Stops the server with pg_ctl (smart, fast or immediate) and waits for it to exit.</summary>
    public async Task StopAsync(PostgresStopMode mode = PostgresStopMode.Fast, CancellationToken cancellationToken = default)
    {
        if (PostmasterPid is not { } pid) return;
        var result = await HostCommands.RunAsync(_bin.Tool("pg_ctl"),
            ["-D", DataDirectory, "-m", mode.ToString().ToLowerInvariant(), "-w", "-t", "60", "stop"], _bin.ServerUser,
            cancellationToken: cancellationToken, timeout: TimeSpan.FromSeconds(75));
        if (!result.Succeeded && IsRunning) result.EnsureSuccess();
        // pg_ctl returns once postmaster.pid is gone, a moment before the process itself has exited.
        await Eventually.UntilAsync(() => !HostCommands.IsAlive(pid), TimeSpan.FromSeconds(30), $"postmaster {pid} to exit", cancellationToken);
    }

    /// <summary>SIGKILL to the postmaster: a crash, no shutdown checkpoint. Returns once it and its backends are gone.</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        if (PostmasterPid is not { } pid) return;
        HostCommands.Signal(pid, HostCommands.SIGKILL);
        await Eventually.UntilAsync(() => !HostCommands.IsAlive(pid), TimeSpan.FromSeconds(30), $"postmaster {pid} to exit", cancellationToken);
        // Backends notice the postmaster's death by themselves; wait until none holds the data folder.
        await Eventually.UntilAsync(() => !AnyProcessUses(DataDirectory), TimeSpan.FromSeconds(30), "backends to exit", cancellationToken);
    }

    /// <summary>Runs a PostgreSQL program from the server's bin folder (as the server's OS user) and fails with its output;
    /// one still running after <paramref name="timeout"/> (default <see cref="HostCommands.DefaultTimeout"/>) is killed and named.</summary>
    public async Task<CommandResult> RunToolAsync(string tool, IEnumerable<string> args, CancellationToken cancellationToken = default, TimeSpan? timeout = null) =>
        (await HostCommands.RunAsync(_bin.Tool(tool), args, _bin.ServerUser, cancellationToken: cancellationToken, timeout: timeout)).EnsureSuccess();

    public async Task<NpgsqlConnection> OpenConnectionAsync(string database = "postgres", CancellationToken cancellationToken = default)
    {
        var conn = new NpgsqlConnection(ConnectionStringFor(database));
        await conn.OpenAsync(cancellationToken);
        return conn;
    }

    /// <summary>Creates a folder under the instance folder that the server's OS user owns (for archives, backups).</summary>
    public async Task<string> CreateServerOwnedDirectoryAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(InstanceDirectory, name);
        Directory.CreateDirectory(path);
        if (ServerUser is { } user) await HostCommands.GiveToUserAsync(path, user, cancellationToken);
        return path;
    }

    public string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    public string TailOfLog(int lines) => string.Join('\n', ReadLog().Split('\n').TakeLast(lines));

    public override string ToString() => $"{Name} (127.0.0.1:{Port}, {DataDirectory})";

    /// <summary>
    /// Stops the server (immediate mode, else SIGKILL) and removes the instance folder once it has stopped. A server that
    /// does not stop keeps its folder (and its exit-time registration), says so on stderr, and the error is thrown: the
    /// next run's orphan sweep removes the folder once the server is gone.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        try
        {
            if (IsRunning)
            {
                try
                {
                    await StopAsync(PostgresStopMode.Immediate);
                }
                catch (Exception e) when (e is CommandFailedException or TimeoutException)
                {
                    await KillAsync();
                }
            }
        }
        catch (TimeoutException e)
        {
            Console.Error.WriteLine($"stateless-mind: left {InstanceDirectory}: PostgreSQL cluster '{Name}' did not stop ({e.Message}); " +
                                    "the folder stays for the next run's sweep.");
            throw;
        }
        _disposed = true;
        ServiceWorkspace.Unregister(InstanceDirectory);
        _server?.Dispose();
        HostCommands.DeleteDirectory(InstanceDirectory);
    }

    private static bool AnyProcessUses(string dataDirectory)
    {
        // A backend's command line does not name the folder, but its cwd is the data folder.
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), out _)) continue;
            try
            {
                if (new DirectoryInfo(Path.Combine(proc, "cwd")).LinkTarget == dataDirectory) return true;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return false;
    }
}
