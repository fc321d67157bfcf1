using Npgsql;

namespace StatelessMind.Labs.Programming.QueryOptimization;

/// <summary>
/// The optimisation lab's data, generated inside PostgreSQL from a seed: <c>customers</c> and <c>orders</c> (about
/// <c>ordersPerCustomer</c> each, buyer uniform over customers, 10% of orders a gift to the buyer themself, the rest to
/// a uniform recipient; amounts uniform in [1.00, 1,001.00]). Orders are inserted in time order, ids follow placed_at,
/// and placed_at has minute resolution with about two orders a minute, so timestamps repeat. The starting schema is
/// what a first version would have: primary keys and one B-tree each on orders.customer_id and orders.placed_at.
/// </summary>
public static class ShopDatabase
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static async Task LoadAsync(NpgsqlConnection connection, int customers, int ordersPerCustomer, int days, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (customers < 10) throw new ArgumentOutOfRangeException(nameof(customers), customers, "at least 10 customers");
        if (ordersPerCustomer < 1) throw new ArgumentOutOfRangeException(nameof(ordersPerCustomer), ordersPerCustomer, "at least one order per customer");
        if (days < 1) throw new ArgumentOutOfRangeException(nameof(days), days, "the orders span at least one day");
        long orders = (long)customers * ordersPerCustomer;
        await ExecAsync(connection, """
            CREATE TABLE customers (id integer PRIMARY KEY, email text NOT NULL, region smallint NOT NULL);
            CREATE TABLE orders (
                id           bigint    PRIMARY KEY,
                customer_id  integer   NOT NULL,
                recipient_id integer   NOT NULL,
                placed_at    timestamp NOT NULL,
                amount_cents bigint    NOT NULL,
                note         text      NOT NULL
            );
            """, null, cancellationToken);
        await ExecAsync(connection, "SELECT setseed(@s)", new() { ["s"] = (seed % 1000) / 1000.0 }, cancellationToken);
        await ExecAsync(connection, "INSERT INTO customers SELECT g, 'customer' || g || '@example.com', g % 8 FROM generate_series(1, @customers) g",
            new() { ["customers"] = customers }, cancellationToken);
        await ExecAsync(connection, """
            INSERT INTO orders
            SELECT g, c,
                   CASE WHEN r < 0.1 THEN c ELSE 1 + floor(random() * @customers)::int END,
                   @start + ((g - 1) * @minutes / @orders) * interval '1 minute',
                   100 + floor(random() * 100000)::bigint,
                   md5(g::text)
            FROM (SELECT g, 1 + floor(random() * @customers)::int AS c, random() AS r FROM generate_series(1::bigint, @orders) g) s
            """, new() { ["customers"] = customers, ["orders"] = orders, ["minutes"] = (long)days * 24 * 60, ["start"] = Start }, cancellationToken);
        await ExecAsync(connection, "CREATE INDEX orders_customer_idx ON orders (customer_id)", null, cancellationToken);
        await ExecAsync(connection, "CREATE INDEX orders_placed_idx ON orders (placed_at)", null, cancellationToken);
        await ExecAsync(connection, "VACUUM ANALYZE", null, cancellationToken);
    }

    /// <summary>Picks the queries' parameters from the loaded rows (see <see cref="OptimizationWorkload"/>).</summary>
    public static async Task<OptimizationWorkload> ChooseWorkloadAsync(NpgsqlConnection connection, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orders", connection);
        var orders = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await using var self = new NpgsqlCommand("SELECT customer_id FROM orders WHERE recipient_id = customer_id ORDER BY id LIMIT 1", connection);
        var customer = (int)((await self.ExecuteScalarAsync(cancellationToken)) ?? throw new InvalidOperationException("no order is a gift to its buyer: load more orders"));
        await using var hour = new NpgsqlCommand("SELECT date_trunc('hour', placed_at) FROM orders WHERE id = @id", connection);
        hour.Parameters.AddWithValue("id", orders / 2);
        var theHour = (DateTime)(await hour.ExecuteScalarAsync(cancellationToken))!;
        // Ids follow (placed_at, id) order, so id = position: the previous page ends at a row whose successor has the same timestamp.
        await using var boundary = new NpgsqlCommand("""
            SELECT a.id, a.placed_at FROM orders a JOIN orders b ON b.id = a.id + 1 AND b.placed_at = a.placed_at
            WHERE a.id >= @target ORDER BY a.id LIMIT 1
            """, connection);
        boundary.Parameters.AddWithValue("target", orders * 9 / 10);
        await using var reader = await boundary.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException("no repeated timestamp after 90% of the orders: load more orders per day");
        var (afterId, afterPlacedAt) = (reader.GetInt64(0), reader.GetDateTime(1));
        return new OptimizationWorkload(customer, theHour, afterId, pageSize, afterPlacedAt, afterId);
    }

    internal static async Task ExecAsync(NpgsqlConnection connection, string sql, Dictionary<string, object>? parameters, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters ?? []) cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
