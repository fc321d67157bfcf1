using Npgsql;
using StatelessMind.Labs.Relational.Normalisation;

namespace StatelessMind.Labs.Relational.Tests.Normalisation;

/// <summary>
/// The constraints of sql/schema.sql at work: each bad write is refused by the server with its SQLSTATE and the
/// constraint's name, and no table changes.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConstraintTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    private NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("constraints"));
        var shop = new NormalisedShop(_dataSource);
        await shop.CreateAsync();
        await shop.LoadAsync(ShopDataset.Generate(customers: 5, products: 8, orders: 10, seed: 3));
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null) await _dataSource.DisposeAsync();
    }

    [Theory]
    [Goal("1.4-2")]
    [InlineData("INSERT INTO customer (email, full_name) VALUES ('customer1@example.org', 'Twin')", "23505", "uq_customer_email")]
    [InlineData("INSERT INTO customer (email, full_name) VALUES ('no-at-sign', 'Nobody')", "23514", "ck_customer_email")]
    [InlineData("INSERT INTO product (sku, name, category_id, unit_price, stock) VALUES ('SKU-000001', 'Twin', 1, 5, 1)", "23505", "uq_product_sku")]
    [InlineData("INSERT INTO product (sku, name, category_id, unit_price, stock) VALUES ('X-1', 'Orphan', 999, 5, 1)", "23503", "fk_product_category")]
    [InlineData("INSERT INTO product (sku, name, category_id, unit_price, stock) VALUES ('X-2', 'Free', 1, 0, 1)", "23514", "ck_product_price")]
    [InlineData("UPDATE product SET stock = stock - 1000 WHERE product_id = 1", "23514", "ck_product_stock")]
    [InlineData("INSERT INTO product (sku, name, category_id, unit_price, stock) VALUES ('X-3', NULL, 1, 5, 1)", "23502", null)]
    [InlineData("INSERT INTO category (category_id, name) VALUES (99, 'Chosen id')", "428C9", null)]
    [InlineData("INSERT INTO purchase_order (customer_id) VALUES (999)", "23503", "fk_purchase_order_customer")]
    [InlineData("INSERT INTO order_line VALUES (1, 99, 1, 0, 5)", "23514", "ck_order_line_quantity")]
    [InlineData("INSERT INTO order_line SELECT order_id, 99, product_id, 1, 5 FROM order_line WHERE order_id = 1 AND line_no = 1", "23505", "uq_order_line_product")]
    [InlineData("INSERT INTO order_line SELECT 1, 1, min(product_id), 1, 5 FROM product WHERE product_id NOT IN (SELECT product_id FROM order_line WHERE order_id = 1)", "23505", "pk_order_line")]
    [InlineData("INSERT INTO order_line VALUES (999, 1, 1, 1, 5)", "23503", "fk_order_line_order")]
    [InlineData("DELETE FROM category WHERE category_id = (SELECT category_id FROM product LIMIT 1)", "23503", "fk_product_category")]
    [InlineData("DELETE FROM customer WHERE customer_id = (SELECT customer_id FROM purchase_order LIMIT 1)", "23503", "fk_purchase_order_customer")]
    [InlineData("DELETE FROM product WHERE product_id = (SELECT product_id FROM order_line LIMIT 1)", "23503", "fk_order_line_product")]
    public async Task A_bad_write_is_refused_with_its_sqlstate_and_changes_nothing(string statement, string sqlState, string? constraint)
    {
        var before = await RowCountsAsync();

        await using var cmd = DataSource.CreateCommand(statement);
        var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());

        Assert.Equal(sqlState, e.SqlState);
        Assert.Equal(constraint, e.ConstraintName);
        Assert.Equal(before, await RowCountsAsync());
        output.WriteLine($"{e.SqlState} {e.ConstraintName ?? e.ColumnName}: {e.MessageText}");
    }

    [Fact]
    [Goal("1.4-2")]
    public async Task Deleting_an_order_takes_its_lines_along()
    {
        const string lines = "SELECT count(*) FROM order_line WHERE order_id = 1";
        Assert.True(await Sql.ScalarAsync<long>(DataSource, lines) > 0);

        await using var delete = DataSource.CreateCommand("DELETE FROM purchase_order WHERE order_id = 1");
        Assert.Equal(1, await delete.ExecuteNonQueryAsync());

        Assert.Equal(0L, await Sql.ScalarAsync<long>(DataSource, lines)); // ON DELETE CASCADE: no orphaned lines
    }

    private Task<string> RowCountsAsync() => Sql.ScalarAsync<string>(DataSource,
        "SELECT string_agg(t || '=' || (xpath('/row/n/text()', query_to_xml('SELECT count(*) AS n FROM ' || t, false, true, '')))[1]::text, ' ' ORDER BY t) " +
        "FROM unnest($1::text[]) AS t", default, (object)ShopSchema.NormalisedTables.ToArray());
}
