using Npgsql;

namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>
/// What the serving layer needs of the marts beyond their rows: the ETL loads them as bare tables (no keys, no statistics),
/// so without this every page of <c>GET /api/daily-sales</c> scans the fact table and sorts it to find its few rows.
/// Run it after each build of the marts (a build drops and recreates the schema, and the index with it).
/// </summary>
public static class ServingIndexes
{
    /// <summary>The name of the index whose order is the API's page order.</summary>
    public const string PageOrderIndex = "fct_daily_store_sales_page_order";

    /// <summary>
    /// A unique index on <c>(date_key, store_key)</c>, the API's sort key, so that a page is one index range scan that stops after
    /// <c>limit + 1</c> rows, however deep the cursor; unique, because keyset pagination is only correct on a unique key.
    /// Then ANALYZE, so the planner knows the tables' real sizes.
    /// </summary>
    public static async Task EnsureAsync(string warehouse, string schema, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(warehouse);
        ArgumentException.ThrowIfNullOrEmpty(schema);
        await using var connection = new NpgsqlConnection(warehouse);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            create unique index if not exists "{PageOrderIndex}" on "{schema}"."fct_daily_store_sales" (date_key, store_key);
            analyze "{schema}"."fct_daily_store_sales";
            analyze "{schema}"."dim_store";
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
