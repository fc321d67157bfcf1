using StatelessMind.Labs.Relational.Crud;

namespace StatelessMind.Labs.Relational.Tests.Crud;

/// <summary>
/// The one contract both repositories must keep, run against each (<see cref="NpgsqlShopRepositoryTests"/>,
/// <see cref="EfCoreShopRepositoryTests"/>) on a fresh database per test: CRUD round trips, optimistic
/// concurrency, typed domain errors for constraint violations, and all-or-nothing multi-row writes
/// (checked by counting rows after the failure).
/// </summary>
[Collection(PostgresCollection.Name)]
public abstract class ShopRepositoryContract(PostgresFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private IShopRepository? _repository;
    private string _connectionString = "";

    protected IShopRepository Repository => _repository ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>Opens the implementation under test on an empty database (creating its schema its own way).</summary>
    protected abstract Task<IShopRepository> OpenAsync(string connectionString);

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("contract");
        _repository = await OpenAsync(_connectionString);
    }

    public async Task DisposeAsync()
    {
        if (_repository is not null) await _repository.DisposeAsync();
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task Created_products_read_back_equal_and_list_by_sku_within_their_category()
    {
        var (books, _) = await SeedAsync();
        var music = await Repository.AddCategoryAsync("Music");
        var b = await Repository.AddProductAsync(new NewProduct("B-2", "Second book", books.Id, 12.50m, 3));
        var a = await Repository.AddProductAsync(new NewProduct("B-1", "First book", books.Id, 9.99m, 7));
        await Repository.AddProductAsync(new NewProduct("M-1", "Record", music.Id, 20m, 1));

        Assert.Equal(a, await Repository.FindProductAsync(a.Id));
        Assert.Equal(b, await Repository.FindProductAsync(b.Id));
        Assert.Equal(new[] { a, b }, await Repository.ListProductsAsync(books.Id));
        Assert.True(b.Id > 0 && a.Id > b.Id);
        Assert.Null(await Repository.FindProductAsync(a.Id + 1000));
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task Customers_round_trip_and_a_duplicate_email_is_a_duplicate_value_error()
    {
        var (_, ada) = await SeedAsync();

        Assert.Equal(ada, await Repository.FindCustomerAsync(ada.Id));
        Assert.True(ada.CreatedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Null(await Repository.FindCustomerAsync(ada.Id + 1000));
        var e = await Assert.ThrowsAsync<DuplicateValueException>(() => Repository.AddCustomerAsync(new NewCustomer(ada.Email, "Impostor")));
        Assert.Equal(("customer", "e-mail", "23505", "uq_customer_email"), (e.Entity, e.Field, e.SqlState, e.ConstraintName));
        Assert.Equal(1, await CountAsync("customer"));
        output.WriteLine($"{Repository.Name}: {e.Message}");
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task An_update_with_the_version_read_is_stored_and_moves_the_version()
    {
        var (books, _) = await SeedAsync();
        var read = await Repository.AddProductAsync(new NewProduct("B-1", "Book", books.Id, 10m, 5));

        var updated = await Repository.UpdateProductAsync(read with { Name = "Book, 2nd edition", UnitPrice = 12.75m, Stock = 4 });

        Assert.NotEqual(read.Version, updated.Version);
        Assert.Equal(updated, await Repository.FindProductAsync(read.Id));
        Assert.Equal(("Book, 2nd edition", 12.75m, 4), (updated.Name, updated.UnitPrice, updated.Stock));
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task An_update_with_a_stale_version_is_a_conflict_and_the_first_writer_wins()
    {
        var (books, _) = await SeedAsync();
        var read = await Repository.AddProductAsync(new NewProduct("B-1", "Book", books.Id, 10m, 5));
        var first = await Repository.UpdateProductAsync(read with { UnitPrice = 11m }); // writer 1, from the same read

        var e = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Repository.UpdateProductAsync(read with { UnitPrice = 99m })); // writer 2

        Assert.Equal((read.Id, read.Version), (e.Id, e.ExpectedVersion));
        Assert.Equal(first, await Repository.FindProductAsync(read.Id));
        output.WriteLine($"{Repository.Name}: {e.Message}");
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task Deleting_needs_the_current_version_and_a_missing_product_is_not_found()
    {
        var (books, _) = await SeedAsync();
        var read = await Repository.AddProductAsync(new NewProduct("B-1", "Book", books.Id, 10m, 5));
        var current = await Repository.UpdateProductAsync(read with { Stock = 6 });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Repository.DeleteProductAsync(read.Id, read.Version));
        Assert.NotNull(await Repository.FindProductAsync(read.Id));

        await Repository.DeleteProductAsync(current.Id, current.Version);
        Assert.Null(await Repository.FindProductAsync(read.Id));

        var gone = await Assert.ThrowsAsync<EntityNotFoundException>(() => Repository.DeleteProductAsync(current.Id, current.Version));
        Assert.Equal(("product", current.Id), (gone.Entity, gone.Id));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => Repository.UpdateProductAsync(current));
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task Deleting_an_ordered_product_is_refused_as_in_use()
    {
        var (books, ada) = await SeedAsync();
        var product = await Repository.AddProductAsync(new NewProduct("B-1", "Book", books.Id, 10m, 5));
        await Repository.PlaceOrderAsync(ada.Id, [new OrderLineRequest(product.Id, 1)]);
        var current = (await Repository.FindProductAsync(product.Id))!;

        var e = await Assert.ThrowsAsync<EntityInUseException>(() => Repository.DeleteProductAsync(current.Id, current.Version));

        Assert.Equal(("23503", "fk_order_line_product"), (e.SqlState, e.ConstraintName));
        Assert.Equal(current, await Repository.FindProductAsync(product.Id));
        output.WriteLine($"{Repository.Name}: {e.Message}");
    }

    [Theory]
    [Goal("1.4-3")]
    [InlineData("duplicate SKU")]
    [InlineData("unknown category")]
    [InlineData("zero price")]
    [InlineData("negative stock")]
    public async Task A_constraint_violation_becomes_a_typed_domain_error(string violation)
    {
        var (books, _) = await SeedAsync();
        var existing = await Repository.AddProductAsync(new NewProduct("B-1", "Book", books.Id, 10m, 5));

        ShopException e = violation switch
        {
            "duplicate SKU" => await Assert.ThrowsAsync<DuplicateValueException>(() => Repository.AddProductAsync(new NewProduct("B-1", "Twin", books.Id, 1m, 1))),
            "unknown category" => await Assert.ThrowsAsync<MissingReferenceException>(() => Repository.AddProductAsync(new NewProduct("B-2", "Orphan", books.Id + 1000, 1m, 1))),
            "zero price" => await Assert.ThrowsAsync<RuleViolationException>(() => Repository.AddProductAsync(new NewProduct("B-3", "Free", books.Id, 0m, 1))),
            _ => await Assert.ThrowsAsync<RuleViolationException>(() => Repository.UpdateProductAsync(existing with { Stock = -1 })),
        };

        var (state, constraint) = violation switch
        {
            "duplicate SKU" => ("23505", "uq_product_sku"),
            "unknown category" => ("23503", "fk_product_category"),
            "zero price" => ("23514", "ck_product_price"),
            _ => ("23514", "ck_product_stock"),
        };
        Assert.Equal((state, constraint), (e.SqlState, e.ConstraintName));
        Assert.Equal(1, await CountAsync("product"));
        Assert.Equal(existing, await Repository.FindProductAsync(existing.Id));
        output.WriteLine($"{Repository.Name}, {violation}: {e.GetType().Name}: {e.Message}");
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task A_batch_insert_with_one_bad_row_writes_no_row()
    {
        var (books, _) = await SeedAsync();

        var (duplicate, price, problems) = await AllOrNothing.BatchesWithABadLastRowAsync(Repository, _connectionString, books.Id);
        await Assert.ThrowsAsync<ArgumentException>(() => Repository.AddProductsAsync([new("R-1", "One", books.Id, 1m, 1), new("R-1", "Again", books.Id, 1m, 1)]));

        Assert.Empty(problems);
        Assert.Equal(("uq_product_sku", "ck_product_price"), (duplicate.ConstraintName, price.ConstraintName));
        var stored = await Repository.AddProductsAsync([new("P-1", "One", books.Id, 1m, 1), new("P-2", "Two", books.Id, 2m, 2)]);
        Assert.Equal(new[] { "P-1", "P-2" }, stored.Select(p => p.Sku));
        Assert.Equal(3, await CountAsync("product"));
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task Placing_an_order_stores_lines_at_the_current_price_and_takes_the_stock()
    {
        var (books, ada) = await SeedAsync();
        var p1 = await Repository.AddProductAsync(new NewProduct("B-1", "Book", books.Id, 10m, 5));
        var p2 = await Repository.AddProductAsync(new NewProduct("B-2", "Atlas", books.Id, 25.50m, 2));

        var order = await Repository.PlaceOrderAsync(ada.Id, [new OrderLineRequest(p1.Id, 3), new OrderLineRequest(p2.Id, 2)]);

        Assert.Equal(new[] { new OrderLine(1, p1.Id, 3, 10m), new OrderLine(2, p2.Id, 2, 25.50m) }, order.Lines);
        Assert.Equal(81m, order.Total);
        var read = (await Repository.FindOrderAsync(order.Id))!;
        Assert.Equal((order.Id, ada.Id, order.PlacedAt), (read.Id, read.CustomerId, read.PlacedAt));
        Assert.Equal(order.Lines, read.Lines);
        Assert.Equal(2, (await Repository.FindProductAsync(p1.Id))!.Stock);
        Assert.Equal(0, (await Repository.FindProductAsync(p2.Id))!.Stock);

        // The line keeps the price it was sold at when the list price changes.
        var now = (await Repository.FindProductAsync(p1.Id))!;
        await Repository.UpdateProductAsync(now with { UnitPrice = 99m });
        Assert.Equal(10m, (await Repository.FindOrderAsync(order.Id))!.Lines[0].UnitPrice);
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task An_order_beyond_the_stock_is_refused_and_writes_nothing()
    {
        var (books, ada) = await SeedAsync();

        var (e, products, problems) = await AllOrNothing.OrderBeyondTheStockAsync(Repository, _connectionString, books.Id, ada.Id);

        Assert.Empty(problems);
        Assert.Equal((products[2].Id, 2, "23514", "ck_product_stock"), (e.ProductId, e.Requested, e.SqlState, e.ConstraintName));
        output.WriteLine($"{Repository.Name}: {e.Message}");
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task An_order_for_an_unknown_product_or_customer_writes_nothing()
    {
        var (books, ada) = await SeedAsync();
        var product = await Repository.AddProductAsync(new NewProduct("B-1", "Book", books.Id, 10m, 5));

        var noProduct = await Assert.ThrowsAsync<MissingReferenceException>(() => Repository.PlaceOrderAsync(ada.Id,
            [new OrderLineRequest(product.Id, 1), new OrderLineRequest(product.Id + 1000, 1)]));
        var noCustomer = await Assert.ThrowsAsync<MissingReferenceException>(() => Repository.PlaceOrderAsync(ada.Id + 1000,
            [new OrderLineRequest(product.Id, 1)]));
        var zero = await Assert.ThrowsAsync<RuleViolationException>(() => Repository.PlaceOrderAsync(ada.Id, [new OrderLineRequest(product.Id, 0)]));

        Assert.Equal("product", noProduct.Reference);
        Assert.Equal(("customer", "fk_purchase_order_customer"), (noCustomer.Reference, noCustomer.ConstraintName));
        Assert.Equal("ck_order_line_quantity", zero.ConstraintName);
        Assert.Equal((0, 0), (await CountAsync("purchase_order"), await CountAsync("order_line")));
        Assert.Equal(product, await Repository.FindProductAsync(product.Id));
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task Deleting_an_order_removes_its_lines()
    {
        var (books, ada) = await SeedAsync();
        var product = await Repository.AddProductAsync(new NewProduct("B-1", "Book", books.Id, 10m, 5));
        var order = await Repository.PlaceOrderAsync(ada.Id, [new OrderLineRequest(product.Id, 1)]);

        Assert.True(await Repository.DeleteOrderAsync(order.Id));

        Assert.Null(await Repository.FindOrderAsync(order.Id));
        Assert.Equal(0, await CountAsync("order_line"));
        Assert.False(await Repository.DeleteOrderAsync(order.Id));
    }

    [Fact]
    [Goal("1.4-3")]
    public async Task Bad_input_is_refused_before_any_sql_runs()
    {
        var (books, ada) = await SeedAsync();
        var product = await Repository.AddProductAsync(new NewProduct("B-1", "Book", books.Id, 10m, 5));

        await Assert.ThrowsAsync<ArgumentException>(() => Repository.AddCategoryAsync(" "));
        await Assert.ThrowsAsync<ArgumentException>(() => Repository.AddProductAsync(new NewProduct(new string('x', 33), "Long SKU", books.Id, 1m, 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => Repository.PlaceOrderAsync(ada.Id, []));
        await Assert.ThrowsAsync<ArgumentException>(() => Repository.PlaceOrderAsync(ada.Id, [new OrderLineRequest(product.Id, 1), new OrderLineRequest(product.Id, 2)]));
        Assert.Equal((1, 0), (await CountAsync("product"), await CountAsync("purchase_order")));
    }

    private async Task<(Category Books, Customer Ada)> SeedAsync() =>
        (await Repository.AddCategoryAsync("Books"), await Repository.AddCustomerAsync(new NewCustomer("ada@example.org", "Ada Lovelace")));

    private async Task<int> CountAsync(string table) => (int)await Sql.ScalarAsync<long>(_connectionString, $"SELECT count(*) FROM {table}");
}
