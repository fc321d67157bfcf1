namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>
/// The feature store's API (Feast's <c>FeatureStore</c>): training sets from the offline store, materialization from
/// the offline store into the online one, and online retrieval of the features a model needs at serving time.
/// </summary>
public sealed class FeatureStore(PostgresOfflineStore offline, RedisOnlineStore online)
{
    public PostgresOfflineStore Offline => offline;
    public RedisOnlineStore Online => online;

    public Task<IReadOnlyList<TrainingRow>> GetHistoricalFeaturesAsync(IReadOnlyList<EntityRow> entityRows, IReadOnlyList<string> featureReferences, CancellationToken cancellationToken) =>
        offline.GetHistoricalFeaturesAsync(entityRows, featureReferences, cancellationToken);

    /// <summary>Loads each entity's latest row with <paramref name="start"/> &lt; event_timestamp ≤ <paramref name="end"/>
    /// of every view into the online store (Feast's <c>materialize</c>); returns the rows written per view.</summary>
    public async Task<IReadOnlyDictionary<string, int>> MaterializeAsync(DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        if (end <= start) throw new ArgumentException($"The materialization window must end after it starts ({start:O} … {end:O}).", nameof(end));
        var written = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var view in offline.Registry.Views)
            written[view.Name] = await online.WriteAsync(view, await offline.LatestInWindowAsync(view, start, end, cancellationToken), cancellationToken);
        return written;
    }

    /// <summary>Feast's <c>get_online_features</c>: the referenced features of each entity, as served at <paramref name="asOf"/>
    /// (a value older than its view's TTL is null). One row per entity, values in the order of the references.</summary>
    public async Task<IReadOnlyList<double?[]>> GetOnlineFeaturesAsync(IReadOnlyList<string> featureReferences, IReadOnlyList<long> entityIds, DateTime asOf, CancellationToken cancellationToken)
    {
        var resolved = offline.Registry.Resolve(featureReferences);
        // Every view's reads are issued before any is awaited: one round trip to Redis, not one per view.
        var views = resolved.Select(r => r.View).Distinct().ToList();
        var reads = views.Select(view => online.ReadAsync(view, entityIds, asOf, cancellationToken)).ToList();
        await Task.WhenAll(reads);
        var byView = views.Select((view, i) => (view, reads[i].Result)).ToDictionary(p => p.view, p => p.Result);
        return [.. entityIds.Select((_, i) => resolved.Select(r => byView[r.View][i].Values[r.Index]).ToArray())];
    }
}
