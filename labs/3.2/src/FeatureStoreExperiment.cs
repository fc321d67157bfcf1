using System.Diagnostics;
using System.Globalization;
using Npgsql;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.MlOps.FeatureStore;

namespace StatelessMind.Labs.MlOps;

/// <summary>
/// Goal 3.2-2: a feature store in Feast's model over a real PostgreSQL (offline) and a real Redis (online). Driver
/// statistics are ingested into the offline store; a training set is retrieved with a point-in-time join and audited
/// against an independent in-memory join; a linear model is trained on it; the views are materialized into Redis in two
/// windows; online values are compared with the offline ones at the same time, and the model's serving predictions with
/// its predictions from offline features; online retrieval latency is measured beside the offline store answering the
/// same lookups.
/// </summary>
/// <param name="bug">A planted mistake (tests only): a join that ignores the label time must fail the audit.</param>
public sealed class FeatureStoreExperiment(FeatureStoreBug bug) : IExperiment
{
    public FeatureStoreExperiment() : this(FeatureStoreBug.None) { }

    public string GoalId => "3.2-2";
    public string Title => "A feature store (Feast's model): point-in-time training sets from PostgreSQL, online serving from Redis";

    internal const double RSquaredTarget = 0.90;
    internal const double OnlineP99TargetMs = 10;

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var builder = new FindingBuilder(GoalId, Title);
        var postgres = await context.Services.PostgresAsync(cancellationToken);
        var redis = await context.Services.RedisAsync(cancellationToken);
        var database = await postgres.CreateDatabaseAsync("features", cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var multiplexer = await redis.ConnectAsync();
        var project = $"fs{context.Seed}_{Guid.NewGuid():N}"[..20];

        var registry = new FeatureRegistry([DriverStats.Hourly, DriverStats.Profile]);
        var offline = new PostgresOfflineStore(dataSource, registry, bug);
        var store = new FeatureStore.FeatureStore(offline, new RedisOnlineStore(multiplexer.GetDatabase(), project));
        var data = DriverStats.Generate(drivers: context.Size(100, 1_000), days: context.Size(3, 7), labels: context.Size(2_000, 20_000), seed: context.Seed);

        context.Report(0.05, "ingest the sources into PostgreSQL");
        await offline.ApplyAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await offline.IngestAsync(DriverStats.Hourly, data.HourlyRows, cancellationToken);
        await offline.IngestAsync(DriverStats.Profile, data.ProfileRows, cancellationToken);
        var ingestSeconds = clock.Elapsed.TotalSeconds;

        context.Report(0.2, "point-in-time training set");
        clock.Restart();
        var training = await store.GetHistoricalFeaturesAsync([.. data.Labels.Select(l => l.Row)], DriverStats.References, cancellationToken);
        var retrievalSeconds = clock.Elapsed.TotalSeconds;
        var violations = PointInTimeAudit.Audit(registry, DriverStats.References, data.Sources, training);
        var fromTheFuture = violations.Count(v => v.Kind == ViolationKind.FromTheFuture);
        var expiredByTtl = training.Count(r => r.JoinedTimestamps[DriverStats.Hourly.Name] is null);
        builder.Check(violations.Count == 0,
            F($"the training set is point-in-time correct: the independent audit of {training.Count:N0} rows finds {violations.Count} violations ({fromTheFuture} values from after the label's timestamp){(violations.Count > 0 ? $", e.g. {violations[0].Kind}: {violations[0].Detail}" : "")}"));
        builder.Check(expiredByTtl > 0 && expiredByTtl < training.Count,
            F($"the TTL is exercised: {expiredByTtl:N0} of {training.Count:N0} rows have no hourly statistics valid within {DriverStats.Hourly.Ttl.TotalHours:F0} h, and the rest do"));

        context.Report(0.4, "train the sample model");
        var complete = Enumerable.Range(0, training.Count).Where(i => training[i].Values.All(v => v is not null)).ToArray();
        var cut = complete.Length * 4 / 5;
        double[] Features(int i) => [.. training[i].Values.Select(v => v!.Value)];
        var model = LinearModel.Fit([.. complete[..cut].Select(Features)], [.. complete[..cut].Select(i => data.Labels[i].Label)]);
        var rSquared = model.RSquared([.. complete[cut..].Select(Features)], [.. complete[cut..].Select(i => data.Labels[i].Label)]);
        builder.Check(rSquared >= RSquaredTarget,
            F($"a linear model trained on the retrieved training set explains R² = {rSquared:F3} of the held-out labels' variance (target ≥ {RSquaredTarget:F2})"));

        context.Report(0.5, "materialize into Redis in two windows");
        var middle = DriverStats.Start.AddDays(data.Days / 2.0);
        clock.Restart();
        var first = await store.MaterializeAsync(DriverStats.Start.AddDays(-1), middle, cancellationToken);
        var second = await store.MaterializeAsync(middle, data.End, cancellationToken);
        var materializeSeconds = clock.Elapsed.TotalSeconds;
        var replayed = await store.MaterializeAsync(DriverStats.Start.AddDays(-1), middle, cancellationToken);
        builder.Check(replayed.Values.Sum() == 0,
            F($"materializing the first window again, after the second, overwrites nothing ({replayed.Values.Sum()} rows written; the first pass wrote {first.Values.Sum()}, the second {second.Values.Sum()})"));

        context.Report(0.6, "offline and online agree");
        var asOf = data.End;
        var online = await store.GetOnlineFeaturesAsync(DriverStats.References, data.DriverIds, asOf, cancellationToken);
        var offlineNow = await store.GetHistoricalFeaturesAsync([.. data.DriverIds.Select(id => new EntityRow(id, asOf))], DriverStats.References, cancellationToken);
        var disagreements = Enumerable.Range(0, data.DriverIds.Count).Count(i => !online[i].SequenceEqual(offlineNow[i].Values));
        builder.Check(disagreements == 0,
            F($"offline and online values agree for all {data.DriverIds.Count:N0} drivers at the end of the data ({disagreements} differ)"));
        var servable = Enumerable.Range(0, data.DriverIds.Count).Where(i => online[i].All(v => v is not null)).ToArray();
        var skew = servable.Count(i => model.Predict([.. online[i].Select(v => v!.Value)]) != model.Predict([.. offlineNow[i].Values.Select(v => v!.Value)]));
        builder.Check(servable.Length > 0 && skew == 0,
            F($"no training/serving skew: the model's predictions from online features equal those from offline features for the {servable.Length:N0} drivers with every feature valid ({skew} differ)"));

        context.Report(0.7, "online retrieval latency, and the offline store answering the same lookups");
        var lookups = context.Size(500, 5_000);
        var random = new Random(context.Seed);
        var onlineMs = new List<double>(lookups);
        var offlineMs = new List<double>(lookups);
        for (var i = 0; i < lookups + 100; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = data.DriverIds[random.Next(data.DriverIds.Count)];
            var t = Stopwatch.GetTimestamp();
            await store.GetOnlineFeaturesAsync(DriverStats.References, [id], asOf, cancellationToken);
            var onlineElapsed = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            t = Stopwatch.GetTimestamp();
            await offline.LatestAsync(DriverStats.Hourly, id, asOf, cancellationToken);
            await offline.LatestAsync(DriverStats.Profile, id, asOf, cancellationToken);
            var offlineElapsed = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            if (i < 100) continue; // warm-up
            onlineMs.Add(onlineElapsed);
            offlineMs.Add(offlineElapsed);
        }
        onlineMs.Sort();
        offlineMs.Sort();
        var (onlineP50, onlineP99) = (Percentile(onlineMs, 0.50), Percentile(onlineMs, 0.99));
        var (offlineP50, offlineP99) = (Percentile(offlineMs, 0.50), Percentile(offlineMs, 0.99));
        if (context.Scale == Scale.Full)
        {
            builder.Check(onlineP99 <= OnlineP99TargetMs, F($"online retrieval p99 is {onlineP99:F2} ms for one driver's four features from two views (target ≤ {OnlineP99TargetMs:F0} ms)"));
            builder.Check(onlineP50 < offlineP50, F($"the online store's median ({onlineP50:F3} ms) is below the offline store's for the same lookups ({offlineP50:F3} ms)"));
        }
        else
        {
            builder.Note(F($"Timing targets (online p99 ≤ {OnlineP99TargetMs:F0} ms, and an online median below the offline store's) are checked at full scale only; here online p99 {onlineP99:F2} ms, median {onlineP50:F3} ms against {offlineP50:F3} ms offline."));
        }
        builder.Note("The comparison with the offline store is made on the medians: on a shared two-core machine the 99th percentile of either store is set mostly by the scheduler, not by the store.");

        builder.Table(FindingTable.Of("Online retrieval (Redis, one driver, four features of two views) beside the offline store (PostgreSQL, the same lookups by index)",
            ["store", "lookups", "p50 ms", "p99 ms"],
            [["online (Redis)", lookups, Math.Round(onlineP50, 3), Math.Round(onlineP99, 3)], ["offline (PostgreSQL)", lookups, Math.Round(offlineP50, 3), Math.Round(offlineP99, 3)]]));
        return builder
            .Figure("online retrieval p99", onlineP99, "ms", key: true, target: F($"≤ {OnlineP99TargetMs:F0}"))
            .Figure("online retrieval p50", onlineP50, "ms")
            .Figure("offline lookup p99", offlineP99, "ms")
            .Figure("offline lookup p50", offlineP50, "ms")
            .Figure("online p50 / offline p50", onlineP50 / offlineP50, "×", key: true, target: "< 1")
            .Figure("online p99 / offline p99", onlineP99 / offlineP99, "×")
            .Figure("point-in-time violations", violations.Count, "", key: true, target: "= 0")
            .Figure("held-out R² of the sample model", rSquared, "", target: F($"≥ {RSquaredTarget:F2}"))
            .Figure("training-set retrieval throughput", training.Count / retrievalSeconds, "rows/s")
            .Figure("materialization throughput", (first.Values.Sum() + second.Values.Sum()) / materializeSeconds, "rows/s")
            .Figure("ingest throughput", (data.HourlyRows.Count + data.ProfileRows.Count) / ingestSeconds, "rows/s")
            .Note(F($"{postgres.Description}; Redis at {redis.Host}:{redis.Port}. {data.DriverIds.Count:N0} drivers over {data.Days} days: {data.HourlyRows.Count:N0} hourly rows (TTL {DriverStats.Hourly.Ttl.TotalHours:F0} h), {data.ProfileRows.Count:N0} profile rows (TTL {DriverStats.Profile.Ttl.TotalDays:F0} days)."))
            .Build(F($"{training.Count:N0} labelled rows joined point-in-time in {retrievalSeconds:F2} s with {violations.Count} audit violations; model R² {rSquared:F3}; {disagreements} offline/online disagreements; online p99 {onlineP99:F2} ms vs offline {offlineP99:F2} ms."));
    }

    private static double Percentile(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
