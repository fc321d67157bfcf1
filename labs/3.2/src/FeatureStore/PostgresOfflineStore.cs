using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>
/// The offline store in PostgreSQL (Feast's PostgreSQL offline store): one source table per feature view, keyed by
/// (join key, event_timestamp). Training sets are retrieved with a point-in-time join: the entity rows are copied into a
/// temporary table, and each view is joined with a <c>LATERAL</c> subquery that picks, per entity row, the latest source
/// row at or before the row's timestamp and within the view's TTL.
/// </summary>
public sealed class PostgresOfflineStore(NpgsqlDataSource dataSource, FeatureRegistry registry, FeatureStoreBug bug = FeatureStoreBug.None)
{
    public FeatureRegistry Registry => registry;

    /// <summary>Creates every view's source table (if missing).</summary>
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        foreach (var view in registry.Views)
        {
            var columns = string.Join(", ", view.Features.Select(f => $"{Sql.QuoteIdentifier(f)} double precision"));
            var key = Sql.QuoteIdentifier(view.Entity.JoinKey);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await Sql.ExecuteAsync(connection, cancellationToken,
                $"CREATE TABLE IF NOT EXISTS {Sql.QuoteIdentifier(view.SourceTable)} ({key} bigint NOT NULL, event_timestamp timestamptz NOT NULL, {columns}, PRIMARY KEY ({key}, event_timestamp))");
        }
    }

    /// <summary>Appends rows to a view's source with binary COPY.</summary>
    public async Task IngestAsync(FeatureView view, IEnumerable<FeatureRow> rows, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", [Sql.QuoteIdentifier(view.Entity.JoinKey), "event_timestamp", .. view.Features.Select(Sql.QuoteIdentifier)]);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {Sql.QuoteIdentifier(view.SourceTable)} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            if (row.Values.Length != view.Features.Count) throw new FeatureDefinitionException(view.Name, "values", $"{view.Features.Count} values per row, got {row.Values.Length} for entity {row.EntityId}");
            if (row.EventTimestamp.Kind != DateTimeKind.Utc) throw new FeatureDefinitionException(view.Name, "event_timestamp", $"a UTC time, got a {row.EventTimestamp.Kind} one for entity {row.EntityId}");
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(row.EntityId, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(row.EventTimestamp, NpgsqlDbType.TimestampTz, cancellationToken);
            foreach (var value in row.Values) await copy.WriteAsync(value, NpgsqlDbType.Double, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Training-set retrieval (Feast's <c>get_historical_features</c>): for every entity row, each requested feature as it
    /// was known at the row's timestamp. Rows come back in the order given.
    /// </summary>
    public async Task<IReadOnlyList<TrainingRow>> GetHistoricalFeaturesAsync(IReadOnlyList<EntityRow> entityRows, IReadOnlyList<string> featureReferences, CancellationToken cancellationToken)
    {
        var resolved = registry.Resolve(featureReferences);
        var views = resolved.Select(r => r.View).Distinct().ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, cancellationToken, "CREATE TEMP TABLE entity_df (row_id integer NOT NULL, entity_id bigint NOT NULL, ts timestamptz NOT NULL) ON COMMIT DROP");
        await using (var copy = await connection.BeginBinaryImportAsync("COPY entity_df (row_id, entity_id, ts) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < entityRows.Count; i++)
            {
                if (entityRows[i].Timestamp.Kind != DateTimeKind.Utc) throw new FeatureDefinitionException("entity_df", "timestamp", $"UTC times, row {i} is {entityRows[i].Timestamp.Kind}");
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(entityRows[i].EntityId, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(entityRows[i].Timestamp, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await Sql.ExecuteAsync(connection, cancellationToken, "ANALYZE entity_df");

        var sql = new StringBuilder("SELECT e.row_id");
        for (var v = 0; v < views.Count; v++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", v{v}.event_timestamp");
            foreach (var feature in views[v].Features) sql.Append(CultureInfo.InvariantCulture, $", v{v}.{Sql.QuoteIdentifier(feature)}");
        }
        sql.Append(" FROM entity_df e");
        for (var v = 0; v < views.Count; v++)
            sql.Append(" LEFT JOIN LATERAL (").Append(JoinSubquery(views[v], bug)).Append(CultureInfo.InvariantCulture, $") v{v} ON true");
        sql.Append(" ORDER BY e.row_id");

        var rows = new List<TrainingRow>(entityRows.Count);
        await using (var command = new NpgsqlCommand(sql.ToString(), connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var rowId = reader.GetInt32(0);
                var ordinal = 1;
                var timestamps = new Dictionary<string, DateTime?>(StringComparer.Ordinal);
                var byView = new Dictionary<FeatureView, double?[]>();
                foreach (var view in views)
                {
                    timestamps[view.Name] = reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTime>(ordinal);
                    ordinal++;
                    var values = new double?[view.Features.Count];
                    for (var f = 0; f < values.Length; f++, ordinal++) values[f] = reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
                    byView[view] = values;
                }
                rows.Add(new TrainingRow(entityRows[rowId], [.. resolved.Select(r => byView[r.View][r.Index])], timestamps));
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>For materialization: each entity's latest row of a view with <paramref name="start"/> &lt; event_timestamp ≤ <paramref name="end"/>.</summary>
    public async Task<IReadOnlyList<FeatureRow>> LatestInWindowAsync(FeatureView view, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        var key = Sql.QuoteIdentifier(view.Entity.JoinKey);
        var features = string.Join(", ", view.Features.Select(Sql.QuoteIdentifier));
        var sql = $"SELECT DISTINCT ON ({key}) {key}, event_timestamp, {features} FROM {Sql.QuoteIdentifier(view.SourceTable)} " +
                  $"WHERE event_timestamp > $1 AND event_timestamp <= $2 ORDER BY {key}, event_timestamp DESC";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = start, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = end, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<FeatureRow>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new FeatureRow(reader.GetInt64(0), reader.GetFieldValue<DateTime>(1), [.. Enumerable.Range(0, view.Features.Count).Select(f => reader.GetDouble(2 + f))]));
        return rows;
    }

    /// <summary>The latest row of one entity at or before a time, within the TTL, straight from the source (the
    /// offline store answering an online question: the latency baseline of the experiment).</summary>
    public async Task<FeatureRow?> LatestAsync(FeatureView view, long entityId, DateTime asOf, CancellationToken cancellationToken)
    {
        var key = Sql.QuoteIdentifier(view.Entity.JoinKey);
        var sql = $"SELECT event_timestamp, {string.Join(", ", view.Features.Select(Sql.QuoteIdentifier))} FROM {Sql.QuoteIdentifier(view.SourceTable)} " +
                  $"WHERE {key} = $1 AND event_timestamp <= $2 AND event_timestamp >= $3 ORDER BY event_timestamp DESC LIMIT 1";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = entityId, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf - view.Ttl, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new FeatureRow(entityId, reader.GetFieldValue<DateTime>(0), [.. Enumerable.Range(0, view.Features.Count).Select(f => reader.GetDouble(1 + f))]);
    }

    /// <summary>The subquery joined for one view, per entity row <c>e</c> (columns row_id, entity_id, ts).</summary>
    internal static string JoinSubquery(FeatureView view, FeatureStoreBug bug) =>
        bug == FeatureStoreBug.JoinLatestRegardlessOfLabelTime ? LatestRegardlessOfTime(view) : PointInTimeSubquery(view);

    /// <summary>The point-in-time subquery: the entity's latest source row with ts − TTL ≤ event_timestamp ≤ ts.</summary>
    internal static string PointInTimeSubquery(FeatureView view)
    {
        #region Exercise 3.2-2a: the point-in-time join, the latest source row at or before the entity row's timestamp and no older than the TTL (tests: PointInTimeJoinTests)
        var key = Sql.QuoteIdentifier(view.Entity.JoinKey);
        var ttlSeconds = view.Ttl.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);
        return $"SELECT s.event_timestamp, {string.Join(", ", view.Features.Select(f => "s." + Sql.QuoteIdentifier(f)))} " +
               $"FROM {Sql.QuoteIdentifier(view.SourceTable)} s WHERE s.{key} = e.entity_id " +
               $"AND s.event_timestamp <= e.ts AND s.event_timestamp >= e.ts - make_interval(secs => {ttlSeconds}) " +
               "ORDER BY s.event_timestamp DESC LIMIT 1";
        #endregion
    }

    private static string LatestRegardlessOfTime(FeatureView view) =>
        $"SELECT s.event_timestamp, {string.Join(", ", view.Features.Select(f => "s." + Sql.QuoteIdentifier(f)))} " +
        $"FROM {Sql.QuoteIdentifier(view.SourceTable)} s WHERE s.{Sql.QuoteIdentifier(view.Entity.JoinKey)} = e.entity_id ORDER BY s.event_timestamp DESC LIMIT 1";
}
