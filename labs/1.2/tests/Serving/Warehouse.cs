using Npgsql;
using StatelessMind.Labs.Lifecycle.Serving;

namespace StatelessMind.Labs.Lifecycle.Tests.Serving;

/// <summary>The tests' own reading of the marts, straight from PostgreSQL, to compare the API's answers with.</summary>
internal static class Warehouse
{
    public static async Task<List<DailySalesRow>> DailySalesAsync(string db, string schema, string where = "true", params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select f.store_key, s.store_name, f.date_key, f.line_count, f.units, f.revenue_cents
            from "{schema}".fct_daily_store_sales f left join "{schema}".dim_store s using (store_key)
            where {where} order by f.date_key, f.store_key
            """, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var rows = new List<DailySalesRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new DailySalesRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDecimal(5)));
        return rows;
    }

    public static async Task<List<StoreRow>> StoresAsync(string db, string schema)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select store_key, store_id, store_name, city, region_name, country from \"{schema}\".dim_store order by store_id", connection);
        var rows = new List<StoreRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new StoreRow(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        return rows;
    }

    /// <summary>Every row of a query through the API, page after page, following the cursors.</summary>
    public static async Task<(List<DailySalesRow> Rows, int Pages)> WalkAsync(HttpClient client, string query)
    {
        var rows = new List<DailySalesRow>();
        var pages = 0;
        string? next = null;
        do
        {
            var page = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<DailySalesPage>(client,
                $"api/daily-sales?{query}{(next is null ? "" : $"&after={next}")}", System.Text.Json.JsonSerializerOptions.Web);
            rows.AddRange(page!.Items);
            next = page.Next;
            pages++;
        }
        while (next is not null && pages < 10_000);
        return (rows, pages);
    }
}
