using System.Globalization;
using Npgsql;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Relational.Management;

/// <summary>
/// A throwaway cluster made and run by the management scripts themselves (pg-init.sh, pg-ctl.sh),
/// in a folder of the harness's service workspace, so a test run that dies leaves no server behind
/// (the next run sweeps it). Disposing stops it (pg-ctl.sh, immediate) and removes the folder.
/// </summary>
public sealed class ScriptedCluster : IAsyncDisposable
{
    private readonly ScriptedClusterOptions _options;
    private string? _scriptFolder;
    private bool _disposed;

    private ScriptedCluster(ScriptedClusterOptions options, string instanceDirectory, int port)
    {
        _options = options;
        InstanceDirectory = instanceDirectory;
        Port = port;
    }

    public string InstanceDirectory { get; }
    public string DataDirectory => Path.Combine(InstanceDirectory, "data");
    public int Port { get; }
    public string? SuperuserPassword => _options.SuperuserPassword;

    /// <summary>What every script gets: where the server is and the superuser's password.</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var env = new Dictionary<string, string>
            {
                ["PGHOST"] = "127.0.0.1",
                ["PGPORT"] = Port.ToString(CultureInfo.InvariantCulture),
                ["PGUSER"] = "postgres",
            };
            if (SuperuserPassword is { } pw) env["PGPASSWORD"] = pw;
            return env;
        }
    }

    public string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database, string user = "postgres", string? password = null) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = user,
        Password = password ?? (user == "postgres" ? SuperuserPassword : null),
        IncludeErrorDetail = true,
        Pooling = false, // the server is stopped and restarted under the tests' feet
    }.ConnectionString;

    /// <summary>Creates the cluster with pg-init.sh and (unless <paramref name="start"/> is false) starts it with pg-ctl.sh.</summary>
    public static async Task<ScriptedCluster> CreateAsync(ScriptedClusterOptions? options = null, bool start = true, CancellationToken cancellationToken = default)
    {
        options ??= new ScriptedClusterOptions();
        var dir = ServiceWorkspace.CreateInstanceDirectory("pg-" + options.Name);
        var cluster = new ScriptedCluster(options, dir, FreePort.Next());
        ServiceWorkspace.Register(dir, cluster.DisposeAsync);
        try
        {
            if (options.RunScriptsAs is { } user)
            {
                cluster._scriptFolder = Path.Combine(dir, "scripts");
                PostgresScripts.CopyTo(cluster._scriptFolder);
                await HostCommands.GiveToUserAsync(dir, user, cancellationToken);
            }
            List<string> init = ["-D", cluster.DataDirectory, "-p", cluster.Port.ToString(CultureInfo.InvariantCulture)];
            init.AddRange(options.SuperuserPassword is null ? ["-A", "trust"] : ["-A", "scram-sha-256"]);
            if (!options.Durable) init.Add("-N");
            (await cluster.RunAsync("pg-init.sh", init, cancellationToken)).EnsureSuccess();
            if (start) await cluster.StartAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>pg-ctl.sh start; throws with the script's output if the server does not come up.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default) =>
        (await RunAsync("pg-ctl.sh", ["-D", DataDirectory, "start"], cancellationToken)).EnsureSuccess();

    /// <summary>Runs one of the scripts against this cluster (its environment, as the configured OS user), killed after
    /// <paramref name="timeout"/> (default <see cref="PostgresScripts.DefaultTimeout"/>).</summary>
    public Task<CommandResult> RunAsync(string script, IEnumerable<string> args, CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string>? extraEnvironment = null, TimeSpan? timeout = null)
    {
        var env = new Dictionary<string, string>(Environment);
        if (extraEnvironment is not null)
            foreach (var (k, v) in extraEnvironment) env[k] = v;
        return PostgresScripts.RunAsync(script, args, env, _options.RunScriptsAs, _scriptFolder, cancellationToken, timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        ServiceWorkspace.Unregister(InstanceDirectory);
        if (Directory.Exists(DataDirectory))
        {
            try
            {
                await RunAsync("pg-ctl.sh", ["-D", DataDirectory, "-m", "immediate", "stop"], timeout: TimeSpan.FromMinutes(1));
            }
            catch (TimeoutException)
            {
                // The folder stays: the next process's orphan sweep kills the server postmaster.pid names and removes it.
                return;
            }
        }
        HostCommands.DeleteDirectory(InstanceDirectory);
    }
}
