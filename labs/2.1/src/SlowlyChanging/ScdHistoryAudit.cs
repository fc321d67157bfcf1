using System.Globalization;
using Npgsql;

namespace StatelessMind.Labs.DimensionalModeling.SlowlyChanging;

/// <summary>
/// Reads the tables the three types build and asks two questions of a type-2 history that hold whatever the data:
/// no two versions of a key are valid at the same moment, and the versions valid at a moment are the source as it
/// was then.
/// </summary>
public static class ScdHistoryAudit
{
    /// <summary>SQL counting the versions that overlap another version of the same key (two current versions overlap too).</summary>
    public static string OverlapQuery(string history, string key)
    {
        #region Exercise 2.1-2a: count the versions valid at the same time as another version of their key (tests: ScdHistoryAuditTests, SnapshotReplayTests)
        return $"""
            select count(*) from {history} as a
            where exists (
                select 1 from {history} as b
                where b.{key} = a.{key} and b.dbt_scd_id <> a.dbt_scd_id
                  and b.dbt_valid_from < coalesce(a.dbt_valid_to, 'infinity'::timestamp)
                  and a.dbt_valid_from < coalesce(b.dbt_valid_to, 'infinity'::timestamp))
            """;
        #endregion
    }

    /// <summary>SQL selecting the versions valid at <paramref name="moment"/>: started at or before it, not yet ended after it.</summary>
    public static string AsOfQuery(string history, DateTime moment)
    {
        var at = string.Create(CultureInfo.InvariantCulture, $"'{moment:yyyy-MM-dd HH:mm:ss}'::timestamp");
        #region Exercise 2.1-2b: select the versions valid at a given moment (tests: ScdHistoryAuditTests, SnapshotReplayTests)
        return $"select * from {history} where dbt_valid_from <= {at} and (dbt_valid_to is null or dbt_valid_to > {at})";
        #endregion
    }

    public static async Task<IReadOnlyList<HistoryRow>> HistoryAsync(NpgsqlConnection connection, string history, bool hasUpdatedAt, CancellationToken cancellationToken) =>
        await ReadAsync(connection, $"""
            select customer_id, full_name, segment, city, {(hasUpdatedAt ? "updated_at" : "null::timestamp")}, dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to
            from {history} order by customer_id, dbt_valid_from
            """, r => new HistoryRow(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetDateTime(4),
            r.GetString(5), r.GetDateTime(6), r.GetDateTime(7), r.IsDBNull(8) ? null : r.GetDateTime(8)), cancellationToken);

    /// <summary>The (customer_id, segment, city) of the versions valid at <paramref name="moment"/>, by key.</summary>
    public static async Task<IReadOnlyList<(int CustomerId, string Segment, string City)>> AsOfAsync(NpgsqlConnection connection, string history, DateTime moment, CancellationToken cancellationToken) =>
        await ReadAsync(connection, $"select customer_id, segment, city from ({AsOfQuery(history, moment)}) as v order by customer_id",
            r => (r.GetInt32(0), r.GetString(1), r.GetString(2)), cancellationToken);

    public static async Task<long> OverlapsAsync(NpgsqlConnection connection, string history, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(OverlapQuery(history, "customer_id"), connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public static async Task<IReadOnlyList<CustomerProfile>> Type1Async(NpgsqlConnection connection, string table, CancellationToken cancellationToken) =>
        await ReadAsync(connection, $"select customer_id, full_name, segment, city, updated_at from {table} order by customer_id",
            r => new CustomerProfile(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDateTime(4)), cancellationToken);

    public static async Task<IReadOnlyList<Type3Row>> Type3Async(NpgsqlConnection connection, string table, CancellationToken cancellationToken) =>
        await ReadAsync(connection, $"select customer_id, full_name, segment, previous_segment, segment_changed_at from {table} order by customer_id",
            r => new Type3Row(r.GetInt32(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetDateTime(4)), cancellationToken);

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
        return rows;
    }
}
