using System.Globalization;
using StackExchange.Redis;

namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>
/// The online store in Redis (Feast's Redis online store, simplified): one hash per (view, entity) under
/// <c>{project}:{view}:{entity id}</c>, holding each feature's value and <c>event_ts</c>, the event time of the values in
/// microseconds since the Unix epoch. Writes keep the newest values: a row older than what is stored is ignored, so
/// materializing windows out of order, or twice, leaves the same state.
/// </summary>
public sealed class RedisOnlineStore(IDatabase database, string project)
{
    internal const string EventTimeField = "event_ts";

    /// <summary>Sets the hash to the row's values unless it already holds values at least as new (atomic, server-side).</summary>
    private const string WriteIfNewerScript = """
        local current = redis.call('HGET', KEYS[1], 'event_ts')
        if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'event_ts', ARGV[1], unpack(ARGV, 2))
        return 1
        """;

    public string Key(FeatureView view, long entityId) => string.Create(CultureInfo.InvariantCulture, $"{project}:{view.Name}:{entityId}");

    /// <summary>Writes rows of a view (pipelined); returns how many replaced older values or were new.</summary>
    public async Task<int> WriteAsync(FeatureView view, IReadOnlyList<FeatureRow> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        #region Exercise 3.2-2c: write each row to its hash only when it is newer than what is stored, atomically, as one pipelined batch (tests: OnlineStoreWriteTests)
        var writes = rows.Select(row =>
        {
            var arguments = new List<RedisValue>(1 + 2 * row.Values.Length) { ToMicroseconds(row.EventTimestamp) };
            for (var f = 0; f < row.Values.Length; f++)
            {
                arguments.Add(view.Features[f]);
                arguments.Add(row.Values[f].ToString("R", CultureInfo.InvariantCulture));
            }
            return database.ScriptEvaluateAsync(WriteIfNewerScript, [Key(view, row.EntityId)], [.. arguments]);
        }).ToList();
        var results = await Task.WhenAll(writes);
        return results.Count(r => (long)r == 1);
        #endregion
    }

    /// <summary>Reads a view's features for entities as of a time: values older than the view's TTL at
    /// <paramref name="asOf"/> (or missing) come back as nulls, so the online store never serves what the offline join would not.</summary>
    public async Task<IReadOnlyList<OnlineRow>> ReadAsync(FeatureView view, IReadOnlyList<long> entityIds, DateTime asOf, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        #region Exercise 3.2-2d: read the hashes in one pipelined batch, parse event_ts and the values, and serve nulls for missing or TTL-expired values (tests: OnlineStoreReadTests)
        RedisValue[] fields = [EventTimeField, .. view.Features.Select(f => (RedisValue)f)];
        var reads = entityIds.Select(id => database.HashGetAsync(Key(view, id), fields)).ToList();
        var results = await Task.WhenAll(reads);
        var oldest = ToMicroseconds(asOf - view.Ttl);
        return [.. entityIds.Select((id, i) =>
        {
            var values = results[i];
            if (values[0].IsNull || long.Parse((string)values[0]!, CultureInfo.InvariantCulture) < oldest)
                return new OnlineRow(id, null, new double?[view.Features.Count]);
            var eventTime = FromMicroseconds(long.Parse((string)values[0]!, CultureInfo.InvariantCulture));
            return new OnlineRow(id, eventTime, [.. values.Skip(1).Select(v => v.IsNull ? (double?)null : double.Parse((string)v!, CultureInfo.InvariantCulture))]);
        })];
        #endregion
    }

    internal static long ToMicroseconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / 10;

    internal static DateTime FromMicroseconds(long microseconds) => DateTime.SpecifyKind(DateTime.UnixEpoch.AddTicks(microseconds * 10), DateTimeKind.Utc);
}
