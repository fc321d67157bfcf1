using Npgsql;
using NpgsqlTypes;

namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>The "E" of ETL: the operational tables read out of PostgreSQL with binary COPY into memory, and the regions seed file.</summary>
public static class EtlExtractor
{
    public static async Task<OperationalSnapshot> ExtractAsync(string connectionString, string schema, string regionsCsv, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var customers = await ReadAsync(connection, $"select customer_id, full_name, email, segment from \"{schema}\".customers",
            r => (r.Read<int>(), r.Read<string>(), r.Read<string>(), r.Read<string>()), cancellationToken);
        var addresses = await ReadAsync(connection, $"select customer_id, address_type, city from \"{schema}\".customer_addresses",
            r => (r.Read<int>(), r.Read<string>(), r.Read<string>()), cancellationToken);
        var products = await ReadAsync(connection, $"select product_id, sku, product_name, category, department, list_price_cents from \"{schema}\".products",
            r => (r.Read<int>(), r.Read<string>(), r.Read<string>(), r.Read<string>(), r.Read<string>(), r.Read<long>()), cancellationToken);
        var stores = await ReadAsync(connection, $"select store_id, store_name, city, region_code from \"{schema}\".stores",
            r => (r.Read<int>(), r.Read<string>(), r.Read<string>(), r.Read<string>()), cancellationToken);
        var orders = await ReadAsync(connection, $"select order_id, customer_id, store_id, ordered_at from \"{schema}\".orders",
            r => (r.Read<int>(), r.Read<int>(), r.Read<int>(), r.Read<DateTime>(NpgsqlDbType.Timestamp)), cancellationToken);
        var lines = await ReadAsync(connection, $"select order_id, line_number, product_id, quantity, unit_price_cents from \"{schema}\".order_lines",
            r => (r.Read<int>(), r.Read<int>(), r.Read<int>(), r.Read<int>(), r.Read<long>()), cancellationToken);
        var regions = File.ReadLines(regionsCsv).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',')).Select(f => (f[0], f[1], f[2])).ToList();
        return new OperationalSnapshot(customers, addresses, products, stores, orders, lines, regions);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string query, Func<NpgsqlBinaryExporter, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var exporter = await connection.BeginBinaryExportAsync($"copy ({query}) to stdout (format binary)", cancellationToken);
        while (await exporter.StartRowAsync(cancellationToken) != -1) rows.Add(read(exporter));
        return rows;
    }
}
