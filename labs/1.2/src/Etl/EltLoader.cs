using Npgsql;

namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>
/// The "EL" of ELT: the operational tables copied as they are into the warehouse's raw schema — COPY out of the source
/// in PostgreSQL's binary format, piped byte for byte into COPY in — with no transformation on the way.
/// </summary>
public static class EltLoader
{
    /// <summary>The source tables in dependency order, with the column types the warehouse's raw copies get.</summary>
    public static IReadOnlyList<(string Table, string Columns)> RawTables { get; } =
    [
        ("customers", "customer_id int primary key, full_name text not null, email text not null, segment text not null, created_at timestamp not null"),
        ("customer_addresses", "customer_id int not null, address_type text not null, city text not null, primary key (customer_id, address_type)"),
        ("products", "product_id int primary key, sku text not null, product_name text not null, category text not null, department text not null, list_price_cents bigint not null"),
        ("stores", "store_id int primary key, store_name text not null, city text not null, region_code text not null"),
        ("orders", "order_id int primary key, customer_id int not null, store_id int not null, ordered_at timestamp not null"),
        ("order_lines", "order_id int not null, line_number int not null, product_id int not null, quantity int not null, unit_price_cents bigint not null, primary key (order_id, line_number)"),
    ];

    /// <summary>Copies every raw table from <paramref name="source"/> to the same schema in <paramref name="warehouse"/>; returns the bytes piped.</summary>
    public static async Task<long> CopyRawAsync(string source, string warehouse, string schema, CancellationToken cancellationToken)
    {
        await using var from = new NpgsqlConnection(source);
        await using var to = new NpgsqlConnection(warehouse);
        await from.OpenAsync(cancellationToken);
        await to.OpenAsync(cancellationToken);
        long bytes = 0;
        #region Exercise 1.2-4d: extract and load without transforming: binary COPY piped from one server to the other (tests: EtlEltTests, ExperimentTests)
        await using var tx = await to.BeginTransactionAsync(cancellationToken);
        await using (var ddl = new NpgsqlCommand($"drop schema if exists \"{schema}\" cascade; create schema \"{schema}\"; "
                                                 + string.Join("; ", RawTables.Select(t => $"create table \"{schema}\".{t.Table} ({t.Columns})")), to, tx))
            await ddl.ExecuteNonQueryAsync(cancellationToken);
        foreach (var (table, _) in RawTables)
        {
            await using var reader = await from.BeginRawBinaryCopyAsync($"copy \"{schema}\".{table} to stdout (format binary)", cancellationToken);
            await using var writer = await to.BeginRawBinaryCopyAsync($"copy \"{schema}\".{table} from stdin (format binary)", cancellationToken);
            var buffer = new byte[81_920];
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                bytes += read;
            }
        }
        await tx.CommitAsync(cancellationToken);
        #endregion
        return bytes;
    }
}
