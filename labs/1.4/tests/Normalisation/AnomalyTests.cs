using Npgsql;
using StatelessMind.Labs.Relational.Normalisation;

namespace StatelessMind.Labs.Relational.Tests.Normalisation;

/// <summary>
/// The three anomalies of the denormalised table, each shown as the same call on both forms of the same data
/// (both loaded into one fresh database): the wide table goes wrong, the 3NF schema cannot.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AnomalyTests(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly ShopDataset Data = ShopDataset.Generate(customers: 40, products: 60, orders: 150, seed: 7);
    private NpgsqlDataSource? _dataSource;
    private DenormalisedShop _flat = null!;
    private NormalisedShop _normal = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("anomaly"));
        _flat = new DenormalisedShop(_dataSource);
        _normal = new NormalisedShop(_dataSource);
        foreach (IShopForm form in new IShopForm[] { _flat, _normal })
        {
            await form.CreateAsync();
            await form.LoadAsync(Data);
        }
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null) await _dataSource.DisposeAsync();
    }

    [Fact]
    [Goal("1.4-2")]
    public async Task Update_anomaly_a_rename_through_one_order_contradicts_the_customers_other_orders()
    {
        // A customer with several orders: the wide table repeats the name on every line of every order.
        var customer = Data.Orders.GroupBy(o => o.Customer).First(g => g.Count() >= 2);
        var order = customer.First();
        var linesOfCustomer = customer.Sum(o => o.Lines.Count);

        var flatWritten = await _flat.RenameCustomerOfOrderAsync(order.OrderId, "Renamed");
        var normalWritten = await _normal.RenameCustomerOfOrderAsync(order.OrderId, "Renamed");

        Assert.Equal(order.Lines.Count, flatWritten);
        Assert.Equal(1, normalWritten);
        Assert.Equal(1, await _flat.CountContradictionsAsync());   // one e-mail, two names
        Assert.Equal(0, await _normal.CountContradictionsAsync());

        // Doing it right in the wide table means rewriting every line of the customer; in 3NF it is one row.
        var email = Data.Customers[customer.Key].Email;
        Assert.Equal(linesOfCustomer, await _flat.RenameCustomerAsync(email, "Renamed everywhere"));
        Assert.Equal(1, await _normal.RenameCustomerAsync(email, "Renamed everywhere"));
        Assert.Equal(0, await _flat.CountContradictionsAsync());
        output.WriteLine($"customer with {customer.Count()} orders / {linesOfCustomer} lines: rename through one order wrote {flatWritten} " +
                         $"wide rows and left a contradiction; a complete rename wrote {linesOfCustomer} wide rows vs 1 normalised row");
    }

    [Fact]
    [Goal("1.4-2")]
    public async Task Planted_bug_a_schema_that_copies_the_customer_name_onto_orders_shows_the_update_anomaly()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("anomaly_bug"));
        var planted = new NormalisedShop(dataSource, ShopFormBug.CustomerNameOnOrder);
        await planted.CreateAsync();
        await planted.LoadAsync(Data);
        var order = Data.Orders.GroupBy(o => o.Customer).First(g => g.Count() >= 2).First();

        await planted.RenameCustomerOfOrderAsync(order.OrderId, "Renamed");

        // The check the 3NF schema passes (no contradiction after a rename through one order) fails here.
        Assert.Equal(1, await planted.CountContradictionsAsync());
        output.WriteLine($"{planted.Name}: a rename through order {order.OrderId} left 1 contradicted customer");
    }

    [Fact]
    [Goal("1.4-2")]
    public async Task Insert_anomaly_a_product_nobody_ordered_cannot_be_stored_in_the_wide_table()
    {
        var product = new ProductFact("NEW-00001", "Brand new", Data.Categories[0], 12.50m);
        var flatBefore = await _flat.CountFactsAsync();
        var normalBefore = await _normal.CountFactsAsync();

        var flatRejection = await _flat.TryRegisterProductAsync(product);
        var normalRejection = await _normal.TryRegisterProductAsync(product);

        Assert.Equal(PostgresErrorCodes.NotNullViolation, flatRejection); // its key (order_id, line_no) would be NULL
        Assert.Null(normalRejection);
        Assert.Equal(flatBefore, await _flat.CountFactsAsync());
        Assert.Equal(normalBefore with { Products = normalBefore.Products + 1 }, await _normal.CountFactsAsync());
    }

    [Fact]
    [Goal("1.4-2")]
    public async Task Delete_anomaly_deleting_the_only_order_of_a_product_forgets_the_product()
    {
        // A long-tail product that appears on exactly one order.
        var (productIndex, order) = Data.Orders
            .SelectMany(o => o.Lines.Select(l => (product: l.Product, order: o)))
            .GroupBy(x => x.product)
            .Where(g => g.Count() == 1)
            .Select(g => g.Single())
            .First();
        var sku = Data.Products[productIndex].Sku;

        await _flat.DeleteOrderAsync(order.OrderId);
        await _normal.DeleteOrderAsync(order.OrderId);

        await using var cmd = _dataSource!.CreateCommand(
            "SELECT (SELECT count(*) FROM order_flat WHERE product_sku = $1), (SELECT count(*) FROM product WHERE sku = $1)");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sku });
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(0L, reader.GetInt64(0)); // the wide table no longer knows the product's name, category or price
        Assert.Equal(1L, reader.GetInt64(1)); // 3NF: the product outlives the order
        output.WriteLine($"deleted order {order.OrderId}: {sku} is gone from order_flat, still in product");
    }

    [Fact]
    [Goal("1.4-2")]
    public async Task Both_forms_hold_the_same_order_lines_after_loading()
    {
        // The comparison is fair only if both forms start from the same information: joining the 3NF tables
        // rebuilds exactly the wide rows (the decomposition is lossless).
        await using var cmd = _dataSource!.CreateCommand("""
            WITH flat AS (
                SELECT order_id, line_no, placed_at, customer_email, customer_name, product_sku, product_name, category_name, list_price, quantity, unit_price
                  FROM order_flat),
            joined AS (
                SELECT l.order_id, l.line_no, o.placed_at, c.email, c.full_name, p.sku, p.name, k.name, p.unit_price, l.quantity, l.unit_price
                  FROM order_line l JOIN purchase_order o USING (order_id) JOIN customer c USING (customer_id)
                  JOIN product p USING (product_id) JOIN category k ON k.category_id = p.category_id)
            SELECT (SELECT count(*) FROM flat), (SELECT count(*) FROM joined),
                   (SELECT count(*) FROM (SELECT * FROM flat EXCEPT SELECT * FROM joined) AS only_flat),
                   (SELECT count(*) FROM (SELECT * FROM joined EXCEPT SELECT * FROM flat) AS only_joined)
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(Data.LineCount, reader.GetInt64(0));
        Assert.Equal(Data.LineCount, reader.GetInt64(1));
        Assert.Equal(0L, reader.GetInt64(2));
        Assert.Equal(0L, reader.GetInt64(3));
        output.WriteLine($"{Data}: the join of the 3NF tables equals the wide table row for row");
    }
}
