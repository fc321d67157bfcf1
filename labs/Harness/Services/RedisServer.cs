using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace StatelessMind.Harness.Services;

/// <summary>
/// A Redis server: the one named by <c>REDIS_URL</c> when set, else <c>redis-server</c> started
/// on a free loopback port with persistence off, stopped and removed on dispose.
/// Several can run at once (a primary and a replica: <see cref="StartAsync"/> with extra arguments).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string OverrideVariable = "REDIS_URL";
    private readonly Process? _process;
    private readonly string? _instanceDirectory;
    private bool _disposed;

    private RedisServer(string host, int port, Process? process, string? instanceDirectory)
    {
        Host = host;
        Port = port;
        _process = process;
        _instanceDirectory = instanceDirectory;
    }

    public string Host { get; }
    public int Port { get; }
    public bool IsExternal => _process is null;
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>A StackExchange.Redis configuration string.</summary>
    public string Configuration => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)},abortConnect=false";

    /// <summary>REDIS_URL's server when set, else an embedded one.</summary>
    public static Task<RedisServer> AcquireAsync(CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } url)
        {
            var uri = new Uri(url);
            return Task.FromResult(new RedisServer(uri.Host, uri.Port > 0 ? uri.Port : 6379, null, null));
        }
        return StartAsync(null, cancellationToken);
    }

    /// <summary>Always starts an embedded redis-server (for labs that need to control the process: replicas, kills).</summary>
    public static async Task<RedisServer> StartAsync(IReadOnlyList<string>? extraArguments = null, CancellationToken cancellationToken = default,
        string serverProgram = "redis-server")
    {
        var binary = (Path.IsPathRooted(serverProgram) ? (File.Exists(serverProgram) ? serverProgram : null) : HostCommands.FindOnPath(serverProgram))
                     ?? throw new ServiceUnavailableException(
                         $"{serverProgram} was not found. Install the Debian package 'redis-server' (make setup), " +
                         $"or set {OverrideVariable} to a running server (e.g. redis://localhost:6379 from make up).");
        var dir = ServiceWorkspace.CreateInstanceDirectory("redis");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var args = new List<string> { "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
                                          "--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no",
                                          "--protected-mode", "no", "--logfile", "" };
            if (extraArguments is not null) args.AddRange(extraArguments);
            var embedded = EmbeddedProcess.Start(HostCommands.StartInfo(binary, args), dir,
                line => line.Contains("Ready to accept connections", StringComparison.Ordinal));
            if (await embedded.WaitForReadyLineAsync(TimeSpan.FromSeconds(30), cancellationToken) is not null)
            {
                var server = new RedisServer("127.0.0.1", port, embedded.Process, dir);
                ServiceWorkspace.Register(dir, server.DisposeAsync);
                return server;
            }
            var log = embedded.Output;
            if (attempt < 3 && log.Contains("Address already in use", StringComparison.Ordinal)) continue;
            HostCommands.DeleteDirectory(dir);
            throw new ServiceUnavailableException($"redis-server did not become ready on port {port}:\n{log}");
        }
    }

    public async Task<ConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(Configuration);

    /// <summary>SIGKILL the embedded server (a crash).</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        if (_process is null) return;
        await EmbeddedProcess.KillAsync(_process, "redis-server", cancellationToken);
    }

    /// <summary>
    /// Kills the embedded server and removes its folder once it has exited. A server that does not exit keeps its folder
    /// (and its exit-time registration), says so on stderr, and the error is thrown: the next run's sweep removes it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        await EmbeddedProcess.StopAsync(_process, "redis-server", _instanceDirectory);
        _disposed = true;
    }
}
