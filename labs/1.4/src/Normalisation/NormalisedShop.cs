using Npgsql;

namespace StatelessMind.Labs.Relational.Normalisation;

/// <summary>The shop in third normal form (sql/schema.sql): each fact stored once, in the table of the key it depends on.</summary>
/// <param name="dataSource">The database.</param>
/// <param name="bug">A deliberate design mistake (tests only): the anomaly checks must then fail.</param>
public sealed class NormalisedShop(NpgsqlDataSource dataSource, ShopFormBug bug = ShopFormBug.None) : IShopForm
{
    public string Name => bug == ShopFormBug.None ? "normalised (3NF)" : $"normalised with the planted bug {bug}";

    public async Task CreateAsync(CancellationToken cancellationToken = default)
    {
        await ShopSchema.ApplyAsync(dataSource, ShopSchema.Normalised, cancellationToken);
        if (bug == ShopFormBug.CustomerNameOnOrder) await ExecuteAsync("ALTER TABLE purchase_order ADD COLUMN customer_name text", cancellationToken);
    }

    public async Task LoadAsync(ShopDataset data, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        // Ids are the dataset's positions (1-based). COPY writes identity columns as given (like OVERRIDING SYSTEM VALUE).
        #region Exercise 1.4-2c: split every fact into the table of the key it depends on, keeping the dataset's ids (tests: AnomalyTests, ConstraintTests, NormalisationExperimentTests)
        var categoryIds = data.Categories.Select((name, i) => (name, id: i + 1L)).ToDictionary(c => c.name, c => c.id);
        await CopyAsync(conn, "category (category_id, name)", data.Categories.Select((name, i) => new object[] { i + 1L, name }), cancellationToken);
        await CopyAsync(conn, "customer (customer_id, email, full_name)",
            data.Customers.Select((c, i) => new object[] { i + 1L, c.Email, c.Name }), cancellationToken);
        await CopyAsync(conn, "product (product_id, sku, name, category_id, unit_price, stock)",
            data.Products.Select((p, i) => new object[] { i + 1L, p.Sku, p.Name, categoryIds[p.Category], p.ListPrice, 100 }), cancellationToken);
        await CopyAsync(conn, "purchase_order (order_id, customer_id, placed_at)",
            data.Orders.Select(o => new object[] { o.OrderId, o.Customer + 1L, o.PlacedAt }), cancellationToken);
        await CopyAsync(conn, "order_line (order_id, line_no, product_id, quantity, unit_price)",
            data.Orders.SelectMany(o => o.Lines.Select(l => new object[] { o.OrderId, l.LineNo, l.Product + 1L, l.Quantity, l.UnitPrice })), cancellationToken);
        #endregion
        // Move each identity past the ids COPY wrote, so that later inserts get fresh ones.
        await using (var cmd = new NpgsqlCommand("""
            SELECT setval(pg_get_serial_sequence('category', 'category_id'), (SELECT max(category_id) FROM category));
            SELECT setval(pg_get_serial_sequence('customer', 'customer_id'), (SELECT max(customer_id) FROM customer));
            SELECT setval(pg_get_serial_sequence('product', 'product_id'), (SELECT max(product_id) FROM product));
            SELECT setval(pg_get_serial_sequence('purchase_order', 'order_id'), (SELECT max(order_id) FROM purchase_order));
            """, conn, tx))
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        if (bug == ShopFormBug.CustomerNameOnOrder)
            await using (var copyNames = new NpgsqlCommand(
                             "UPDATE purchase_order AS o SET customer_name = c.full_name FROM customer AS c WHERE c.customer_id = o.customer_id", conn, tx))
                await copyNames.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public Task<int> RenameCustomerOfOrderAsync(long orderId, string newName, CancellationToken cancellationToken = default) =>
        bug == ShopFormBug.CustomerNameOnOrder
            ? ExecuteAsync("UPDATE purchase_order SET customer_name = $2 WHERE order_id = $1", cancellationToken, orderId, newName)
            : ExecuteAsync("""
            UPDATE customer AS c SET full_name = $2
              FROM purchase_order AS o
             WHERE o.order_id = $1 AND c.customer_id = o.customer_id
            """, cancellationToken, orderId, newName);

    public Task<int> RenameCustomerAsync(string email, string newName, CancellationToken cancellationToken = default) =>
        bug == ShopFormBug.CustomerNameOnOrder
            ? CountAsync("""
                WITH renamed AS (UPDATE customer SET full_name = $2 WHERE email = $1 RETURNING customer_id),
                     orders AS (UPDATE purchase_order AS o SET customer_name = $2 FROM renamed AS r WHERE o.customer_id = r.customer_id RETURNING 1)
                SELECT (SELECT count(*) FROM renamed) + (SELECT count(*) FROM orders)
                """, cancellationToken, email, newName)
            : ExecuteAsync("UPDATE customer SET full_name = $2 WHERE email = $1", cancellationToken, email, newName);

    public async Task<string?> TryRegisterProductAsync(ProductFact product, CancellationToken cancellationToken = default)
    {
        try
        {
            var rows = await ExecuteAsync("""
                INSERT INTO product (sku, name, category_id, unit_price, stock)
                SELECT $1, $2, category_id, $4, 0 FROM category WHERE name = $3
                """, cancellationToken, product.Sku, product.Name, product.Category, product.ListPrice);
            return rows == 1 ? null : throw new InvalidOperationException($"Category '{product.Category}' does not exist.");
        }
        catch (PostgresException e)
        {
            return e.SqlState;
        }
    }

    public Task<int> DeleteOrderAsync(long orderId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM purchase_order WHERE order_id = $1", cancellationToken, orderId); // its lines go by ON DELETE CASCADE

    public async Task<int> CountContradictionsAsync(CancellationToken cancellationToken = default)
    {
        if (bug == ShopFormBug.CustomerNameOnOrder) return await CountContradictionsWithNamesOnOrdersAsync(cancellationToken);
        #region Exercise 1.4-2d: the same count over the join that rebuilds the wide rows from the normalised tables (tests: AnomalyTests.Update*, NormalisationExperimentTests.The_experiment*)
        await using var cmd = dataSource.CreateCommand("""
            SELECT count(*)::int FROM (
                SELECT c.email
                  FROM order_line AS l
                  JOIN purchase_order AS o USING (order_id)
                  JOIN customer AS c USING (customer_id)
                 GROUP BY c.email
                HAVING count(DISTINCT c.full_name) > 1
            ) AS contradicted
            """);
        return (int)(await cmd.ExecuteScalarAsync(cancellationToken))!;
        #endregion
    }

    /// <summary>The planted design: a customer's name is stored on the customer and on each of its orders; any disagreement counts.</summary>
    private async Task<int> CountContradictionsWithNamesOnOrdersAsync(CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT count(*)::int FROM (
                SELECT c.email
                  FROM customer AS c JOIN purchase_order AS o USING (customer_id)
                 GROUP BY c.email
                HAVING count(DISTINCT o.customer_name) > 1 OR bool_or(o.customer_name IS DISTINCT FROM c.full_name)
            ) AS contradicted
            """);
        return (int)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<ShopFacts> CountFactsAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT (SELECT count(*) FROM customer)::int, (SELECT count(*) FROM product)::int");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ShopFacts(reader.GetInt32(0), reader.GetInt32(1));
    }

    private static async Task CopyAsync(NpgsqlConnection conn, string target, IEnumerable<object[]> rows, CancellationToken cancellationToken)
    {
        await using var copy = await conn.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows) await copy.WriteRowAsync(cancellationToken, row);
        await copy.CompleteAsync(cancellationToken);
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<int> CountAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
