using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>
/// The model server: ASP.NET Core minimal APIs on Kestrel, bound to a loopback port.
/// <list type="bullet">
/// <item><c>POST /predict</c> — the species and probabilities for one flower; the response carries the model version in
/// the <c>X-Model-Version</c> header (and the body).</item>
/// <item><c>GET /health</c> — 200 with the model version once the model is loaded.</item>
/// <item><c>GET /metrics</c> — prometheus-net's exposition: <c>model_requests_total{endpoint,code}</c>, the latency
/// histogram <c>model_request_duration_seconds</c> (of <c>/predict</c>), the prediction distribution
/// <c>model_predictions_total{species}</c>, the drift gauge <c>model_input_drift{feature}</c> (computed at each scrape)
/// and <c>model_info{version}</c>.</item>
/// </list>
/// Each server has its own metrics registry, so several can run in one process.
/// </summary>
public sealed class ModelServer : IAsyncDisposable
{
    public const string VersionHeader = "X-Model-Version";
    private readonly WebApplication _app;
    private readonly StrongBox<long> _injectedLatencyTicks;

    private ModelServer(WebApplication app, ServedModel model, DriftMonitor drift, Uri baseAddress, StrongBox<long> injectedLatencyTicks)
    {
        _app = app;
        _injectedLatencyTicks = injectedLatencyTicks;
        Model = model;
        Drift = drift;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public ServedModel Model { get; }
    public DriftMonitor Drift { get; }

    /// <summary>The <c>host:port</c> Prometheus scrapes.</summary>
    public string ScrapeAddress => $"{BaseAddress.Host}:{BaseAddress.Port}";

    /// <summary>A delay added to every prediction (fault injection for the latency alert); zero by default.</summary>
    public TimeSpan InjectedLatency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _injectedLatencyTicks.Value));
        set => Interlocked.Exchange(ref _injectedLatencyTicks.Value, value.Ticks);
    }

    public static async Task<ModelServer> StartAsync(ServedModel model, ModelServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ModelServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(options.AllInterfaces ? IPAddress.Any : IPAddress.Loopback, options.Port));
        var app = builder.Build();

        var registry = Metrics.NewCustomRegistry();
        var metrics = Metrics.WithCustomRegistry(registry);
        var requests = metrics.CreateCounter("model_requests_total", "HTTP requests served, by endpoint and status code.",
            new CounterConfiguration { LabelNames = ["endpoint", "code"] });
        var latency = metrics.CreateHistogram("model_request_duration_seconds", "Time to answer POST /predict, in seconds.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.00025, 2, 14) });
        var predictions = metrics.CreateCounter("model_predictions_total", "Predictions made, by predicted species.",
            new CounterConfiguration { LabelNames = ["species"] });
        var driftGauge = metrics.CreateGauge("model_input_drift", "|mean of the last inputs − training mean| / training σ, per feature.",
            new GaugeConfiguration { LabelNames = ["feature"] });
        var info = metrics.CreateGauge("model_info", "The served model's version (md5 of its zip).", new GaugeConfiguration { LabelNames = ["version"] });
        info.WithLabels(model.Version).Set(1);
        foreach (var species in model.Classes) predictions.WithLabels(species);
        var drift = new DriftMonitor(model.Baseline, options.DriftWindow, options.DriftBug);
        registry.AddBeforeCollectCallback(() =>
        {
            var scores = drift.Drift();
            for (var f = 0; f < scores.Count; f++) driftGauge.WithLabels(model.Baseline.Names[f]).Set(scores[f]);
        });

        var injectedLatencyTicks = new StrongBox<long>();
        app.Use(async (context, next) =>
        {
            var clock = Stopwatch.StartNew();
            await next(context);
            var path = context.Request.Path.Value ?? "";
            var endpoint = path is "/predict" or "/health" or "/metrics" ? path.TrimStart('/') : "other";
            if (endpoint == "predict") latency.Observe(clock.Elapsed.TotalSeconds);
            requests.WithLabels(endpoint, context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        });
        app.MapPost("/predict", async (PredictRequest request, HttpContext context) =>
        {
            if (request.Features is not { Length: IrisData.FeatureCount } features || features.Any(v => !float.IsFinite(v)))
                return Results.BadRequest(new { error = $"'features' must be {IrisData.FeatureCount} finite numbers (cm): {string.Join(", ", IrisData.FeatureNames)}." });
            var delay = TimeSpan.FromTicks(Interlocked.Read(ref injectedLatencyTicks.Value));
            if (delay > TimeSpan.Zero) await Task.Delay(delay, context.RequestAborted);
            var prediction = model.Predict(features);
            drift.Observe(features);
            predictions.WithLabels(prediction.Species).Inc();
            context.Response.Headers[VersionHeader] = model.Version;
            var probabilities = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < model.Classes.Count; i++) probabilities[model.Classes[i]] = prediction.Probabilities[i];
            return Results.Ok(new PredictResponse(prediction.Species, probabilities, model.Version));
        });
        app.MapGet("/health", (HttpContext context) =>
        {
            context.Response.Headers[VersionHeader] = model.Version;
            return Results.Ok(new HealthResponse("healthy", model.Version, drift.Count));
        });
        app.MapMetrics("/metrics", registry);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ModelServer(app, model, drift, new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/"), injectedLatencyTicks);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
