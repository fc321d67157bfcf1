using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;
using StatelessMind.Labs.MlOps.Serving;
using StatelessMind.Labs.MlOps.Versioning;

namespace StatelessMind.Labs.MlOps;

/// <summary>
/// Goal 3.2-1: data versioning in DVC's model, a model server and its monitoring. scikit-learn's iris CSV (from Debian's
/// python3-sklearn) is tracked by a <c>.dvc</c> file; a three-stage pipeline (prepare → train → evaluate) is reproduced
/// across data versions, re-running only the stages whose inputs changed; a fresh workspace pulls the data from a remote
/// and retrains the same model, byte for byte. The model is served by ASP.NET Core on a loopback port, loaded with an
/// in-process HTTP client, and scraped by a real Prometheus whose drift alert must fire when the inputs shift — and not before.
/// </summary>
public sealed class ModelServingExperiment(CacheBug cacheBug, PipelineBug pipelineBug, DriftBug driftBug) : IExperiment
{
    public ModelServingExperiment() : this(CacheBug.None, PipelineBug.None, DriftBug.None) { }

    public string GoalId => "3.2-1";
    public string Title => "Data versioning (DVC's model), an ML.NET model server, and Prometheus monitoring";

    internal const string RawData = "data/iris.csv";
    internal const string ModelFile = "models/model.zip";
    internal const string BaselineFile = "models/baseline.json";
    internal const string AccuracyFile = "metrics/accuracy.txt";
    internal const double AccuracyTarget = 0.90;
    internal const int Concurrency = 8;
    internal const float SepalWidthShiftCm = -1.5f;
    private static readonly TimeSpan AlertDeadline = TimeSpan.FromSeconds(45);

    /// <summary>The pipeline: prepare (split), train (fit and baseline), evaluate (test accuracy).</summary>
    internal static IReadOnlyList<PipelineStage> Stages(Action<TimeSpan>? onTrained = null) =>
    [
        new("prepare", "split data/iris.csv, every fifth flower to the test set", [RawData], ["data/train.csv", "data/test.csv"],
            ws => IrisData.Split(Path.Combine(ws, RawData), Path.Combine(ws, "data/train.csv"), Path.Combine(ws, "data/test.csv"))),
        new("train", "fit L-BFGS maximum entropy (ML.NET, seed 1, one thread)", ["data/train.csv"], [ModelFile, BaselineFile], ws =>
        {
            var clock = Stopwatch.StartNew();
            ModelTrainer.Train(Path.Combine(ws, "data/train.csv"), Path.Combine(ws, ModelFile), Path.Combine(ws, BaselineFile));
            onTrained?.Invoke(clock.Elapsed);
        }),
        new("evaluate", "accuracy on data/test.csv", [ModelFile, BaselineFile, "data/test.csv"], [AccuracyFile], ws =>
            File.WriteAllText(Path.Combine(ws, AccuracyFile), ModelTrainer.Accuracy(Path.Combine(ws, ModelFile), Path.Combine(ws, BaselineFile),
                Path.Combine(ws, "data/test.csv")).ToString("R", CultureInfo.InvariantCulture))),
    ];

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var builder = new FindingBuilder(GoalId, Title);
        var root = Path.Combine(Path.GetTempPath(), $"sm-mlops-{Guid.NewGuid():N}");
        try
        {
            var training = new List<TimeSpan>();
            var (modelHash, accuracy, servedDir) = Versioning(context, builder, root, training);
            await ServingAndMonitoringAsync(context, builder, servedDir, modelHash, accuracy, cancellationToken);
            builder.Figure("model training time (ML.NET, 120 flowers)", training.Min().TotalMilliseconds, "ms")
                .Note(F($"Training time is the fastest of the {training.Count} train-stage runs (the first includes ML.NET's start-up)."));
            return builder.Build(F($"Pipeline re-ran only changed stages, same data version gave the same model {modelHash[..8]}; served over HTTP and monitored by Prometheus."));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private (string ModelHash, double Accuracy, string Workspace) Versioning(ExperimentContext context, FindingBuilder builder, string root, List<TimeSpan> training)
    {
        context.Report(0.05, "versioning iris and reproducing the pipeline");
        var repo = new DataRepository(Path.Combine(root, "workspace"), cacheBug);
        var remote = Path.Combine(root, "remote");
        var pipeline = new Pipeline(Stages(training.Add), pipelineBug);
        Directory.CreateDirectory(repo.PathOf("data"));
        File.Copy(IrisData.SklearnIrisPath(), repo.PathOf(RawData));
        var v1 = repo.Add(RawData);
        var v1Text = File.ReadAllText(repo.PathOf(RawData + ".dvc"));
        var rows = new List<(string Version, string Change, PipelineRun Run, string Model)>();
        string ModelMd5() => Pipeline.ReadLock(repo)["train"].Outs.Single(o => o.Path == ModelFile).Md5;

        var first = pipeline.Reproduce(repo);
        var h1 = ModelMd5();
        rows.Add(("v1", "iris.csv as shipped", first, h1));
        var again = pipeline.Reproduce(repo);
        rows.Add(("v1", "nothing", again, ModelMd5()));
        builder.Check(first.Ran.Count == 3, F($"the first reproduction runs all three stages (ran: {string.Join(", ", first.Ran)})"));
        builder.Check(again.Ran.Count == 0, F($"reproducing again with nothing changed runs no stage (ran: {Names(again.Ran)})"));

        // v2: the last flower (a test-split row) is dropped: test.csv changes, train.csv does not.
        var sklearn = IrisData.ReadSklearn(repo.PathOf(RawData));
        var classes = IrisData.ReadSklearnClasses(repo.PathOf(RawData));
        IrisData.WriteSklearn(repo.PathOf(RawData), [.. sklearn.Take(sklearn.Count - 1)], classes);
        var v2 = repo.Commit(RawData);
        var second = pipeline.Reproduce(repo);
        rows.Add(("v2", "last flower dropped (a test row)", second, ModelMd5()));
        builder.Check(second.Ran.SequenceEqual(["prepare", "evaluate"]) && ModelMd5() == h1,
            F($"a data version that changes only the test split re-runs prepare and evaluate, not train (ran: {Names(second.Ran)}; model {(ModelMd5() == h1 ? "unchanged" : "changed")})"));

        // v3: the first flower of each species is dropped: the training split changes too.
        IrisData.WriteSklearn(repo.PathOf(RawData), [.. sklearn.Where((_, i) => i % 50 != 0)], classes);
        var v3 = repo.Commit(RawData);
        var third = pipeline.Reproduce(repo);
        var h3 = ModelMd5();
        rows.Add(("v3", "first flower of each species dropped", third, h3));
        builder.Check(third.Ran.Count == 3 && h3 != h1, F($"a data version that changes the training split re-runs every stage and gives another model (ran: {Names(third.Ran)})"));

        // Back to v1: the .dvc file as git would restore it, then checkout and reproduce.
        File.WriteAllText(repo.PathOf(RawData + ".dvc"), v1Text);
        repo.Checkout(RawData);
        var back = pipeline.Reproduce(repo);
        var hBack = ModelMd5();
        rows.Add(("v1", "checked out again", back, hBack));
        builder.Check(hBack == h1, F($"checking out v1 again and reproducing gives the same model hash ({hBack[..12]} vs {h1[..12]})"));

        // A fresh clone: the .dvc file and the pipeline travel by git, the data by the remote.
        var pushed = repo.Push(remote);
        var clone = new DataRepository(Path.Combine(root, "clone"), cacheBug);
        Directory.CreateDirectory(clone.PathOf("data"));
        File.WriteAllText(clone.PathOf(RawData + ".dvc"), v1Text);
        var pulled = clone.Pull(remote, RawData);
        var cloneRun = new Pipeline(Stages(training.Add), pipelineBug).Reproduce(clone);
        var hClone = Pipeline.ReadLock(clone)["train"].Outs.Single(o => o.Path == ModelFile).Md5;
        rows.Add(("v1", "fresh clone, pulled from the remote", cloneRun, hClone));
        builder.Check(hClone == h1, F($"a fresh workspace that pulls v1 from the remote ({pulled} object fetched of {pushed} pushed) trains the same model, byte for byte (md5 {hClone[..12]})"));
        var accuracy = double.Parse(File.ReadAllText(clone.PathOf(AccuracyFile)), CultureInfo.InvariantCulture);

        // Corruption: one flipped byte in v3's cached data.
        var objectPath = repo.Cache.ObjectPath(v3.Md5);
        var bytes = File.ReadAllBytes(objectPath);
        bytes[bytes.Length / 2] ^= 0x20;
        File.WriteAllBytes(objectPath, bytes);
        var corrupt = repo.Cache.FindCorrupt();
        File.WriteAllText(repo.PathOf(RawData + ".dvc"), v3.ToYaml());
        var refused = false;
        try
        {
            repo.Checkout(RawData);
        }
        catch (CorruptCacheEntryException)
        {
            refused = true;
        }
        builder.Check(corrupt.SequenceEqual([v3.Md5]) && refused,
            F($"a flipped byte in a cached data version is detected by its hash ({corrupt.Count} corrupt object(s) found) and checkout refuses it ({(refused ? "refused" : "served the corrupt bytes")})"));
        var repaired = repo.Pull(remote, RawData);
        builder.Check(repaired == 1 && !repo.IsModified(RawData) && repo.Cache.FindCorrupt().Count == 0,
            F($"pulling from the remote replaces the corrupt object ({repaired} fetched) and checks v3 out intact"));

        builder.Table(FindingTable.Of("dvc repro across data versions (data/iris.csv tracked by a .dvc file; md5s shortened)",
            ["data version", "change", "stages run", "stages skipped", "model md5"],
            [.. rows.Select(r => new object[] { r.Version, r.Change, Names(r.Run.Ran), Names(r.Run.Skipped), r.Model[..12] })]));
        builder.Figure("data versions (md5)", new[] { v1.Md5, v2.Md5, v3.Md5 }.Distinct().Count(), "")
            .Figure("test accuracy of the v1 model", accuracy * 100, "%", target: F($"≥ {AccuracyTarget * 100:F0}"));
        builder.Check(accuracy >= AccuracyTarget, F($"the v1 model classifies {accuracy:P1} of the held-out flowers correctly (target ≥ {AccuracyTarget:P0})"));
        return (h1, accuracy, clone.Workspace);
    }

    private async Task ServingAndMonitoringAsync(ExperimentContext context, FindingBuilder builder, string workspace, string modelHash, double offlineAccuracy,
        CancellationToken cancellationToken)
    {
        context.Report(0.4, "serving the model");
        using var model = ServedModel.Load(Path.Combine(workspace, ModelFile), Path.Combine(workspace, BaselineFile));
        await using var server = await ModelServer.StartAsync(model, new ModelServerOptions { DriftBug = driftBug }, cancellationToken);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var test = IrisData.ReadCsv(Path.Combine(workspace, "data/test.csv"));
        var correct = 0;
        var versions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in test)
        {
            using var response = await http.PostAsJsonAsync("predict", new PredictRequest(row.Features), cancellationToken);
            response.EnsureSuccessStatusCode();
            versions.UnionWith(response.Headers.GetValues(ModelServer.VersionHeader));
            var answer = await response.Content.ReadFromJsonAsync<PredictResponse>(cancellationToken);
            if (answer!.Species == row.Species) correct++;
        }
        var servedAccuracy = correct / (double)test.Count;
        builder.Check(Math.Abs(servedAccuracy - offlineAccuracy) < 1e-12 && versions.SetEquals([modelHash]),
            F($"over HTTP the server answers as the evaluate stage did ({servedAccuracy:P1}) and names model {modelHash[..12]} in {ModelServer.VersionHeader}"));

        context.Report(0.5, "load");
        var inputs = test.Select(r => r.Features).ToArray();
        await LoadGenerator.RunAsync(server.BaseAddress, inputs, 500, Concurrency, cancellationToken); // warm-up
        var wrk = WrkLoad.Find();
        var load = wrk is not null
            ? await WrkLoad.RunAsync(wrk, server.BaseAddress, inputs, TimeSpan.FromSeconds(context.Size(2, 10)), Concurrency, threads: 2, cancellationToken)
            : await LoadGenerator.RunAsync(server.BaseAddress, inputs, context.Size(5_000, 40_000), Concurrency, cancellationToken);
        builder.Figure("model server throughput", load.RequestsPerSecond, "requests/s", key: true)
            .Figure("model server p99 latency", load.P99Milliseconds, "ms", key: true)
            .Figure("model server p50 latency", load.P50Milliseconds, "ms")
            .Note(F($"Load: {load.Requests:N0} POST /predict in {load.Seconds:F1} s from {load.Generator}{(wrk is null ? " (wrk is not installed: make setup installs it)" : "")}; the load generator and the server share the machine's cores."));
        builder.Check(load.Failures == 0, F($"all {load.Requests:N0} requests under load succeed ({load.Failures} failed)"));
        builder.Note("Throughput and latency are reported, not held to wall-clock bounds: they depend on the machine and on what else runs on it. " +
                     "The latency alert below is what watches them, and LatencyAlertTests see it fire when predictions slow down.");

        context.Report(0.7, "monitoring with Prometheus");
        const string job = "model-server";
        await using var prometheus = await PrometheusServer.StartAsync(new PrometheusServerOptions
        {
            Targets = [new PrometheusScrapeTarget(job, server.ScrapeAddress)],
            RuleFiles = new Dictionary<string, string> { ["model-alerts.yml"] = MonitoringRules.For(job) },
        }, cancellationToken);
        // In-distribution traffic only so far: wait for several rule evaluations over it, then the alert must be silent.
        var quiet = await WaitAsync(async () =>
            (await prometheus.QueryAsync($"count_over_time({MonitoringRules.DriftSeries(job)}[1m])", cancellationToken)) is [{ Value: >= 4 }], cancellationToken);
        var quietMax = (await prometheus.QueryAsync($"max_over_time({MonitoringRules.DriftSeries(job)}[1m])", cancellationToken)).Select(s => s.Value).DefaultIfEmpty(double.NaN).Single();
        var silent = !(await prometheus.AlertsAsync(cancellationToken)).Any(a => a.Name == MonitoringRules.DriftAlert);
        var requestsSeen = (await prometheus.QueryAsync($"sum(model_requests_total{{job=\"{job}\",endpoint=\"predict\"}})", cancellationToken)).Select(s => s.Value).DefaultIfEmpty(0).Single();
        builder.Check(quiet && requestsSeen >= load.Requests && quietMax < MonitoringRules.DriftThreshold && silent,
            F($"Prometheus scrapes the server ({requestsSeen:N0} predictions counted) and, on in-distribution inputs, the largest drift is {quietMax:F2} σ and {MonitoringRules.DriftAlert} stays silent"));

        // Shift: sepal width drops by 1.5 cm on every input of the drift window.
        var shifted = test.Select(r => r.Features.Select((v, f) => f == 1 ? v + SepalWidthShiftCm : v).ToArray()).ToArray();
        var shiftClock = Stopwatch.StartNew();
        for (var i = 0; i < server.Drift.Window; i++)
        {
            using var response = await http.PostAsJsonAsync("predict", new PredictRequest(shifted[i % shifted.Length]), cancellationToken);
            response.EnsureSuccessStatusCode();
        }
        var gauge = server.Drift.Drift()[1];
        var fired = await WaitAsync(async () => (await prometheus.AlertsAsync(cancellationToken)).Any(a => a.Name == MonitoringRules.DriftAlert && a.State == "firing"), cancellationToken);
        var firedAfter = shiftClock.Elapsed.TotalSeconds;
        builder.Check(fired, F($"after sepal width shifts by {SepalWidthShiftCm} cm (drift gauge {gauge:F2} σ), Prometheus' {MonitoringRules.DriftAlert} alert fires ({(fired ? F($"after {firedAfter:F1} s") : F($"not within {AlertDeadline.TotalSeconds:F0} s"))})"));
        builder.Figure("sepal-width drift after the shift", gauge, "σ", target: F($"alert above {MonitoringRules.DriftThreshold}"));
        if (fired) builder.Figure("shift to firing drift alert", firedAfter, "s");
        builder.Note(F($"Prometheus (Debian's package, started by the harness) scrapes every 1 s and evaluates every 1 s; the alert holds for {MonitoringRules.HoldFor} before it fires."));
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        try
        {
            await Eventually.UntilAsync(condition, AlertDeadline, "a Prometheus condition", cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static string Names(IReadOnlyList<string> stages) => stages.Count == 0 ? "none" : string.Join(", ", stages);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
