using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace StatelessMind.Harness.Services;

/// <summary>
/// An S3-compatible object store: the one named by <c>S3_ENDPOINT</c> (with <c>S3_ACCESS_KEY</c>, <c>S3_SECRET_KEY</c>,
/// and <c>S3_BUCKET</c> or the bucket <c>stateless-mind</c> that docker compose creates) when set, else npm's
/// <c>s3rver</c> (a filesystem-backed server that speaks the S3 REST API) started on a free loopback port with one bucket,
/// stopped and its folder removed on dispose. <c>make setup</c> installs s3rver into <c>infra/s3rver</c> with
/// <c>npm ci</c>; a copy of the repository without it (an exercise folder) runs that install itself on first use.
/// </summary>
public sealed partial class S3Server : IAsyncDisposable
{
    public const string OverrideVariable = "S3_ENDPOINT";
    public const string DefaultBucket = "stateless-mind";
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process? _process;
    private readonly string? _instanceDirectory;
    private bool _disposed;

    private S3Server(S3ServerEndpoint endpoint, Process? process, string? instanceDirectory)
    {
        Endpoint = endpoint;
        _process = process;
        _instanceDirectory = instanceDirectory;
    }

    /// <summary>Where the server is and how to sign requests to it.</summary>
    public S3ServerEndpoint Endpoint { get; }

    public bool IsExternal => _process is null;

    /// <summary>What the store is, for reports.</summary>
    public string Description => IsExternal
        ? $"the S3 endpoint {Endpoint.ServiceUrl} (S3_ENDPOINT), bucket {Endpoint.Bucket}"
        : $"s3rver (npm, filesystem-backed S3 REST API) on {Endpoint.ServiceUrl}, bucket {Endpoint.Bucket}";

    /// <summary>S3_ENDPOINT's store when set, else an embedded s3rver.</summary>
    public static Task<S3Server> AcquireAsync(CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } url)
        {
            var endpoint = new S3ServerEndpoint(url.TrimEnd('/'),
                Environment.GetEnvironmentVariable("S3_ACCESS_KEY") ?? Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "minioadmin",
                Environment.GetEnvironmentVariable("S3_SECRET_KEY") ?? Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "minioadmin",
                Environment.GetEnvironmentVariable("S3_BUCKET") is { Length: > 0 } b ? b : DefaultBucket);
            return Task.FromResult(new S3Server(endpoint, null, null));
        }
        return StartAsync(cancellationToken);
    }

    /// <summary>Always starts an embedded s3rver (port 0: s3rver binds a free loopback port and prints it).</summary>
    public static async Task<S3Server> StartAsync(CancellationToken cancellationToken = default)
    {
        var node = HostCommands.FindOnPath("node")
                   ?? throw new ServiceUnavailableException(
                       "node was not found: install the Debian package 'nodejs' (make setup), " +
                       $"or set {OverrideVariable} to a running S3-compatible store (e.g. http://localhost:9000 from make up, MinIO).");
        var script = await LocateScriptAsync(cancellationToken);
        var dir = ServiceWorkspace.CreateInstanceDirectory("s3rver");
        var data = Directory.CreateDirectory(Path.Combine(dir, "data")).FullName;
        // s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node 17+) only offers in its legacy provider.
        var embedded = EmbeddedProcess.Start(
            HostCommands.StartInfo(node, ["--openssl-legacy-provider", script, "-d", data, "-a", "127.0.0.1", "-p", "0", "--no-vhost-buckets",
                                          "--configure-bucket", DefaultBucket]),
            dir, line => ListeningLine().IsMatch(line));
        if (await embedded.WaitForReadyLineAsync(StartTimeout, cancellationToken) is { } listening)
        {
            var port = ListeningLine().Match(listening).Groups[1].Value;
            var endpoint = new S3ServerEndpoint($"http://127.0.0.1:{port}", "S3RVER", "S3RVER", DefaultBucket);
            var server = new S3Server(endpoint, embedded.Process, dir);
            ServiceWorkspace.Register(dir, server.DisposeAsync);
            return server;
        }
        HostCommands.DeleteDirectory(dir);
        throw new ServiceUnavailableException($"s3rver did not report a listening port:\n{embedded.Output}");
    }

    /// <summary>infra/s3rver's installed s3rver; installed there with <c>npm ci</c> when only its package files are present.</summary>
    private static async Task<string> LocateScriptAsync(CancellationToken cancellationToken)
    {
        var folder = Environment.GetEnvironmentVariable("SM_S3RVER_DIR") is { Length: > 0 } d
            ? d
            : Path.Combine(RepositoryLayout.Locate().InfraDirectory, "s3rver");
        var script = Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js");
        if (File.Exists(script)) return script;
        if (!File.Exists(Path.Combine(folder, "package-lock.json")))
            throw new ServiceUnavailableException($"s3rver is not installed and {folder} holds no package-lock.json: run make setup, " +
                                                  $"or set {OverrideVariable} to a running S3-compatible store.");
        var npm = HostCommands.FindOnPath("npm")
                  ?? throw new ServiceUnavailableException($"s3rver is not installed in {folder} and npm was not found: install the Debian " +
                                                           $"package 'npm' and run make setup, or set {OverrideVariable}.");
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(script)) return script;
            var result = await HostCommands.RunAsync(npm, ["ci", "--prefix", folder, "--no-audit", "--no-fund"], cancellationToken: cancellationToken);
            if (!result.Succeeded || !File.Exists(script))
                throw new ServiceUnavailableException($"npm ci in {folder} failed (run make setup, or set {OverrideVariable}):\n{result.StandardError}");
            return script;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await EmbeddedProcess.StopAsync(_process, "s3rver", _instanceDirectory);
    }

    [GeneratedRegex(@"S3rver listening on [^:]+:(\d+)")]
    private static partial Regex ListeningLine();
}
