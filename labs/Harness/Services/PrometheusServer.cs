using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace StatelessMind.Harness.Services;

/// <summary>
/// A Prometheus server: the one named by <c>PROMETHEUS_URL</c> when set (queried only: its scrape configuration is its
/// own), else Debian's <c>prometheus</c> binary started on a free loopback port with a generated prometheus.yml and rule
/// files, its data in a throwaway folder, stopped and removed on dispose. An embedded server can be reconfigured while it
/// runs (<see cref="ConfigureAsync"/>: new targets or rules, applied through <c>/-/reload</c>). Queries go through the
/// documented HTTP API (<c>/api/v1/query</c>, <c>/api/v1/alerts</c>, <c>/api/v1/targets</c>).
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string OverrideVariable = "PROMETHEUS_URL";
    private const string ConfigFileName = "prometheus.yml";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process? _process;
    private readonly string? _instanceDirectory;
    private readonly EmbeddedProcess? _embedded;
    private readonly HttpClient _http;
    private bool _disposed;

    private PrometheusServer(Uri baseAddress, EmbeddedProcess? embedded, string? instanceDirectory)
    {
        BaseAddress = baseAddress;
        _embedded = embedded;
        _process = embedded?.Process;
        _instanceDirectory = instanceDirectory;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The server's HTTP address (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri BaseAddress { get; }

    public bool IsExternal => _process is null;

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The embedded server's output so far (empty for an external one).</summary>
    public string Log => _embedded?.Output ?? "";

    /// <summary>PROMETHEUS_URL's server when set, else an embedded one with no targets but itself.</summary>
    public static Task<PrometheusServer> AcquireAsync(CancellationToken cancellationToken = default)
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } url)
        {
            if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri))
                throw new ServiceUnavailableException($"{OverrideVariable}='{url}' is not an absolute URL (e.g. http://localhost:9090).");
            return Task.FromResult(new PrometheusServer(uri, null, null));
        }
        return StartAsync(null, cancellationToken);
    }

    /// <summary>Always starts an embedded prometheus (for tests and experiments that choose its targets and rules).</summary>
    /// <param name="options">Intervals, scrape targets and rule files; defaults to 1 s intervals and no targets.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <param name="serverProgram">The program to run: a name found on PATH or an absolute path.</param>
    public static async Task<PrometheusServer> StartAsync(PrometheusServerOptions? options = null, CancellationToken cancellationToken = default,
        string serverProgram = "prometheus")
    {
        options ??= new PrometheusServerOptions();
        var binary = (Path.IsPathRooted(serverProgram) ? (File.Exists(serverProgram) ? serverProgram : null) : HostCommands.FindOnPath(serverProgram))
                     ?? throw new ServiceUnavailableException(
                         $"{serverProgram} was not found. Install the Debian package 'prometheus' (make setup), " +
                         $"or set {OverrideVariable} to a running server (e.g. http://localhost:9090 from make up).");
        var dir = ServiceWorkspace.CreateInstanceDirectory("prometheus");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            WriteConfiguration(dir, port, options);
            var args = new List<string>
            {
                $"--config.file={Path.Combine(dir, ConfigFileName)}",
                $"--storage.tsdb.path={Path.Combine(dir, "data")}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                "--web.enable-lifecycle", // POST /-/reload applies a rewritten configuration
                "--log.level=warn",
            };
            var embedded = EmbeddedProcess.Start(HostCommands.StartInfo(binary, args), dir);
            var process = embedded.Process;
            var server = new PrometheusServer(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), embedded, dir);
            try
            {
                await Eventually.UntilAsync(async () =>
                {
                    if (process.HasExited) throw new ServiceUnavailableException($"prometheus exited with code {process.ExitCode}");
                    using var response = await server._http.GetAsync("-/ready", cancellationToken);
                    return response.IsSuccessStatusCode;
                }, StartTimeout, $"prometheus to be ready on port {port}", cancellationToken,
                    transient: e => e is HttpRequestException or TaskCanceledException { InnerException: TimeoutException });
                ServiceWorkspace.Register(dir, server.DisposeAsync);
                return server;
            }
            catch (Exception e) when (e is ServiceUnavailableException or TimeoutException)
            {
                if (!process.HasExited) process.Kill();
                await process.WaitForExitAsync(CancellationToken.None);
                var output = server.Log;
                server._http.Dispose();
                process.Dispose();
                if (attempt < 3 && output.Contains("address already in use", StringComparison.OrdinalIgnoreCase)) continue;
                HostCommands.DeleteDirectory(dir);
                throw new ServiceUnavailableException($"prometheus did not become ready on port {port} ({e.Message}):\n{output}", e);
            }
        }
    }

    /// <summary>
    /// Rewrites an embedded server's configuration (targets, rules, intervals) and applies it through <c>/-/reload</c>.
    /// Prometheus checks the new files before it swaps them in: a bad rule file is refused with its error and the old
    /// configuration stays.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server is external (its configuration is its own).</exception>
    /// <exception cref="PrometheusApiException">Prometheus refused the new configuration.</exception>
    public async Task ConfigureAsync(PrometheusServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_instanceDirectory is null)
            throw new InvalidOperationException($"The Prometheus at {BaseAddress} is external ({OverrideVariable}): change its own prometheus.yml.");
        WriteConfiguration(_instanceDirectory, BaseAddress.Port, options);
        using var response = await _http.PostAsync("-/reload", content: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new PrometheusApiException("/-/reload", $"HTTP {(int)response.StatusCode}: {(await response.Content.ReadAsStringAsync(cancellationToken)).Trim()}");
    }

    /// <summary>Evaluates a PromQL expression now (<c>/api/v1/query</c>) and returns its instant vector (a scalar result
    /// comes back as one sample with no labels).</summary>
    /// <exception cref="PrometheusApiException">Prometheus refused the expression, or answered with something else than a vector or scalar.</exception>
    public async Task<IReadOnlyList<PrometheusSample>> QueryAsync(string promql, CancellationToken cancellationToken = default)
    {
        var data = await GetDataAsync($"api/v1/query?query={Uri.EscapeDataString(promql)}", "/api/v1/query", cancellationToken);
        var resultType = data.GetProperty("resultType").GetString();
        var result = data.GetProperty("result");
        switch (resultType)
        {
            case "vector":
                return [.. result.EnumerateArray().Select(e => new PrometheusSample(LabelsOf(e.GetProperty("metric")), ValueOf(e.GetProperty("value")), TimeOf(e.GetProperty("value"))))];
            case "scalar":
                return [new PrometheusSample(new Dictionary<string, string>(), ValueOf(result), TimeOf(result))];
            default:
                throw new PrometheusApiException("/api/v1/query", $"'{promql}' returned a {resultType}; an instant vector or a scalar was expected.");
        }
    }

    /// <summary>The alerts that are pending or firing now (<c>/api/v1/alerts</c>).</summary>
    public async Task<IReadOnlyList<PrometheusAlert>> AlertsAsync(CancellationToken cancellationToken = default)
    {
        var data = await GetDataAsync("api/v1/alerts", "/api/v1/alerts", cancellationToken);
        return [.. data.GetProperty("alerts").EnumerateArray().Select(a =>
        {
            var labels = LabelsOf(a.GetProperty("labels"));
            var value = double.Parse(a.GetProperty("value").GetString() ?? "NaN", CultureInfo.InvariantCulture);
            return new PrometheusAlert(labels.GetValueOrDefault("alertname", ""), a.GetProperty("state").GetString() ?? "", labels, value);
        })];
    }

    /// <summary>The active scrape targets and their health (<c>/api/v1/targets</c>).</summary>
    public async Task<IReadOnlyList<PrometheusTargetHealth>> TargetsAsync(CancellationToken cancellationToken = default)
    {
        var data = await GetDataAsync("api/v1/targets?state=active", "/api/v1/targets", cancellationToken);
        return [.. data.GetProperty("activeTargets").EnumerateArray().Select(t => new PrometheusTargetHealth(
            t.GetProperty("labels").TryGetProperty("job", out var job) ? job.GetString() ?? "" : "",
            t.GetProperty("scrapeUrl").GetString() ?? "",
            t.GetProperty("health").GetString() ?? "",
            t.GetProperty("lastError").GetString() ?? ""))];
    }

    /// <summary>Kills the embedded server and removes its folder once it has exited; an external server is left alone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _http.Dispose();
        await EmbeddedProcess.StopAsync(_process, "prometheus", _instanceDirectory);
    }

    /// <summary>The generated prometheus.yml: global intervals, the rule files, Prometheus itself and the given targets.</summary>
    internal static string ConfigurationText(int port, PrometheusServerOptions options, IEnumerable<string> ruleFilePaths)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("global:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  scrape_interval: {Duration(options.ScrapeInterval)}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  evaluation_interval: {Duration(options.EvaluationInterval)}");
        yaml.AppendLine("rule_files:");
        foreach (var path in ruleFilePaths) yaml.AppendLine(CultureInfo.InvariantCulture, $"  - {JsonSerializer.Serialize(path)}");
        yaml.AppendLine("scrape_configs:");
        var targets = new List<PrometheusScrapeTarget> { new("prometheus", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
        targets.AddRange(options.Targets);
        foreach (var job in targets.GroupBy(t => (t.JobName, t.MetricsPath)))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - job_name: {JsonSerializer.Serialize(job.Key.JobName)}");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    metrics_path: {JsonSerializer.Serialize(job.Key.MetricsPath)}");
            yaml.AppendLine("    static_configs:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"      - targets: [{string.Join(", ", job.Select(t => JsonSerializer.Serialize(t.Address)))}]");
        }
        return yaml.ToString();
    }

    private static void WriteConfiguration(string dir, int port, PrometheusServerOptions options)
    {
        var rulePaths = new List<string>();
        foreach (var (name, text) in options.RuleFiles)
        {
            if (name.Contains('/') || name.Contains('\\') || name == ConfigFileName)
                throw new ArgumentException($"Rule file name '{name}' must be a plain file name other than {ConfigFileName}.", nameof(options));
            var path = Path.Combine(dir, name);
            ServiceWorkspace.WriteAtomically(path, text);
            rulePaths.Add(path);
        }
        ServiceWorkspace.WriteAtomically(Path.Combine(dir, ConfigFileName), ConfigurationText(port, options, rulePaths));
    }

    private static string Duration(TimeSpan span) =>
        span.TotalMilliseconds % 1000 == 0
            ? $"{((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s"
            : $"{((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms";

    private async Task<JsonElement> GetDataAsync(string relative, string endpoint, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(relative, cancellationToken);
        JsonElement body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (JsonException e)
        {
            throw new PrometheusApiException(endpoint, $"HTTP {(int)response.StatusCode} with a body that is not JSON ({e.Message}).");
        }
        var status = body.TryGetProperty("status", out var s) ? s.GetString() : null;
        if (status != "success")
        {
            var type = body.TryGetProperty("errorType", out var t) ? t.GetString() : "unknown";
            var error = body.TryGetProperty("error", out var m) ? m.GetString() : body.ToString();
            throw new PrometheusApiException(endpoint, $"{type}: {error}");
        }
        return body.GetProperty("data").Clone();
    }

    private static Dictionary<string, string> LabelsOf(JsonElement labels) =>
        labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");

    // An API sample is [unix seconds, "value as text"] (the text keeps NaN and ±Inf exact).
    private static double ValueOf(JsonElement sample) => sample[1].GetString() switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        var text => double.Parse(text!, CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset TimeOf(JsonElement sample) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(sample[0].GetDouble() * 1000));
}
