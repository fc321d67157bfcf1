using Npgsql;

namespace StatelessMind.Labs.Relational.Normalisation;

/// <summary>The shop as one wide table (sql/denormalised.sql): each order line repeats its order's, customer's and product's facts.</summary>
public sealed class DenormalisedShop(NpgsqlDataSource dataSource) : IShopForm
{
    public string Name => "denormalised";

    public Task CreateAsync(CancellationToken cancellationToken = default) => ShopSchema.ApplyAsync(dataSource, ShopSchema.Denormalised, cancellationToken);

    public async Task LoadAsync(ShopDataset data, CancellationToken cancellationToken = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var copy = await conn.BeginBinaryImportAsync(
            "COPY order_flat (order_id, line_no, placed_at, customer_email, customer_name, product_sku, product_name, " +
            "category_name, list_price, quantity, unit_price) FROM STDIN (FORMAT BINARY)", cancellationToken);
        #region Exercise 1.4-2a: write each order line as one wide row, copying the order's, customer's and product's facts onto it (tests: AnomalyTests, NormalisationExperimentTests)
        foreach (var order in data.Orders)
        {
            var customer = data.Customers[order.Customer];
            foreach (var line in order.Lines)
            {
                var product = data.Products[line.Product];
                await copy.WriteRowAsync(cancellationToken, order.OrderId, line.LineNo, order.PlacedAt, customer.Email, customer.Name,
                    product.Sku, product.Name, product.Category, product.ListPrice, line.Quantity, line.UnitPrice);
            }
        }
        #endregion
        await copy.CompleteAsync(cancellationToken);
    }

    public Task<int> RenameCustomerOfOrderAsync(long orderId, string newName, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE order_flat SET customer_name = $2 WHERE order_id = $1", cancellationToken, orderId, newName);

    public Task<int> RenameCustomerAsync(string email, string newName, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE order_flat SET customer_name = $2 WHERE customer_email = $1", cancellationToken, email, newName);

    public async Task<string?> TryRegisterProductAsync(ProductFact product, CancellationToken cancellationToken = default)
    {
        // The only place for a product's facts is an order line, and an unordered product has none: its key would be NULL.
        try
        {
            await ExecuteAsync("INSERT INTO order_flat (product_sku, product_name, category_name, list_price) VALUES ($1, $2, $3, $4)",
                cancellationToken, product.Sku, product.Name, product.Category, product.ListPrice);
            return null;
        }
        catch (PostgresException e)
        {
            return e.SqlState;
        }
    }

    public Task<int> DeleteOrderAsync(long orderId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM order_flat WHERE order_id = $1", cancellationToken, orderId);

    public async Task<int> CountContradictionsAsync(CancellationToken cancellationToken = default)
    {
        #region Exercise 1.4-2b: count the e-mail addresses the wide table gives more than one name (tests: AnomalyTests.Update*, NormalisationExperimentTests)
        await using var cmd = dataSource.CreateCommand("""
            SELECT count(*)::int FROM (
                SELECT customer_email FROM order_flat GROUP BY customer_email HAVING count(DISTINCT customer_name) > 1
            ) AS contradicted
            """);
        return (int)(await cmd.ExecuteScalarAsync(cancellationToken))!;
        #endregion
    }

    public async Task<ShopFacts> CountFactsAsync(CancellationToken cancellationToken = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT count(DISTINCT customer_email)::int, count(DISTINCT product_sku)::int FROM order_flat");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ShopFacts(reader.GetInt32(0), reader.GetInt32(1));
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
