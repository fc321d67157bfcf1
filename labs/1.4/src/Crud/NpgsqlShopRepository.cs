using Npgsql;
using NpgsqlTypes;
using StatelessMind.Labs.Relational.Normalisation;

namespace StatelessMind.Labs.Relational.Crud;

/// <summary>
/// The shop's CRUD with plain ADO.NET on Npgsql: SQL written by hand, every value a parameter (never spliced
/// into the text), multi-row writes in one explicit transaction, statements that belong together sent in one
/// batch (one round trip). The schema comes from sql/schema.sql.
/// </summary>
public sealed class NpgsqlShopRepository : IShopRepository
{
    private const string ProductColumns = "product_id, sku, name, category_id, unit_price, stock, xmin";
    private const string InsertProduct = $"""
        INSERT INTO product (sku, name, category_id, unit_price, stock) VALUES ($1, $2, $3, $4, $5)
        RETURNING {ProductColumns}
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly RepositoryBug _bug;

    private NpgsqlShopRepository(NpgsqlDataSource dataSource, RepositoryBug bug) => (_dataSource, _bug) = (dataSource, bug);

    public string Name => _bug == RepositoryBug.None ? "Npgsql" : $"Npgsql with the planted bug {_bug}";

    /// <summary>Connects to the database and creates the schema (sql/schema.sql) if it is not there yet.</summary>
    public static Task<NpgsqlShopRepository> OpenAsync(string connectionString, CancellationToken cancellationToken = default) =>
        OpenAsync(connectionString, RepositoryBug.None, cancellationToken);

    /// <summary>Opens the repository built with a deliberate mistake (tests only).</summary>
    public static async Task<NpgsqlShopRepository> OpenAsync(string connectionString, RepositoryBug bug, CancellationToken cancellationToken = default)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            await ShopSchema.EnsureNormalisedAsync(dataSource, cancellationToken);
            return new NpgsqlShopRepository(dataSource, bug);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    public async Task<Category> AddCategoryAsync(string name, CancellationToken cancellationToken = default)
    {
        ShopInput.Text(name, nameof(name), 100);
        await using var cmd = _dataSource.CreateCommand("INSERT INTO category (name) VALUES ($1) RETURNING category_id");
        cmd.Parameters.Add(Param(name));
        try
        {
            return new Category((long)(await cmd.ExecuteScalarAsync(cancellationToken))!, name);
        }
        catch (PostgresException e) when (ConstraintViolations.Translate(e) is { } domain)
        {
            throw domain;
        }
    }

    public async Task<Customer> AddCustomerAsync(NewCustomer customer, CancellationToken cancellationToken = default)
    {
        ShopInput.Customer(customer);
        await using var cmd = _dataSource.CreateCommand("INSERT INTO customer (email, full_name) VALUES ($1, $2) RETURNING customer_id, created_at");
        cmd.Parameters.Add(Param(customer.Email));
        cmd.Parameters.Add(Param(customer.FullName));
        try
        {
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new Customer(reader.GetInt64(0), customer.Email, customer.FullName, reader.GetFieldValue<DateTimeOffset>(1));
        }
        catch (PostgresException e) when (ConstraintViolations.Translate(e) is { } domain)
        {
            throw domain;
        }
    }

    public async Task<Customer?> FindCustomerAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var cmd = _dataSource.CreateCommand("SELECT customer_id, email, full_name, created_at FROM customer WHERE customer_id = $1");
        cmd.Parameters.Add(Param(id));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Customer(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }

    public async Task<Product> AddProductAsync(NewProduct product, CancellationToken cancellationToken = default)
    {
        ShopInput.Product(product);
        await using var cmd = _dataSource.CreateCommand(InsertProduct);
        cmd.Parameters.AddRange(ProductParameters(product));
        try
        {
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return ReadProduct(reader);
        }
        catch (PostgresException e) when (ConstraintViolations.Translate(e) is { } domain)
        {
            throw domain;
        }
    }

    public async Task<IReadOnlyList<Product>> AddProductsAsync(IReadOnlyList<NewProduct> products, CancellationToken cancellationToken = default)
    {
        ShopInput.Products(products);
        if (products.Count == 0) return [];
        if (_bug == RepositoryBug.NoTransaction) return await AddProductsOneByOneAsync(products, cancellationToken);
        await using var conn = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var product in products)
        {
            var command = new NpgsqlBatchCommand(InsertProduct);
            command.Parameters.AddRange(ProductParameters(product));
            batch.BatchCommands.Add(command);
        }
        var added = new List<Product>(products.Count);
        try
        {
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                do
                {
                    while (await reader.ReadAsync(cancellationToken)) added.Add(ReadProduct(reader));
                } while (await reader.NextResultAsync(cancellationToken));
            }
            await tx.CommitAsync(cancellationToken);
        }
        catch (PostgresException e) when (ConstraintViolations.Translate(e) is { } domain)
        {
            throw domain; // disposing the uncommitted transaction rolls it back
        }
        return added;
    }

    public async Task<Product?> FindProductAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var cmd = _dataSource.CreateCommand($"SELECT {ProductColumns} FROM product WHERE product_id = $1");
        cmd.Parameters.Add(Param(id));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadProduct(reader) : null;
    }

    public async Task<IReadOnlyList<Product>> ListProductsAsync(long categoryId, CancellationToken cancellationToken = default)
    {
        await using var cmd = _dataSource.CreateCommand($"SELECT {ProductColumns} FROM product WHERE category_id = $1 ORDER BY sku");
        cmd.Parameters.Add(Param(categoryId));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var products = new List<Product>();
        while (await reader.ReadAsync(cancellationToken)) products.Add(ReadProduct(reader));
        return products;
    }

    public async Task<Product> UpdateProductAsync(Product product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        ShopInput.Text(product.Name, "name", 200);
        #region Exercise 1.4-3b: optimistic concurrency, updating only if xmin is still the version that was read (tests: NpgsqlShopRepositoryTests.An_update*, NpgsqlShopRepositoryTests.Deleting_needs*)
        await using var cmd = _dataSource.CreateCommand("""
            UPDATE product SET name = $2, category_id = $3, unit_price = $4, stock = $5
             WHERE product_id = $1 AND xmin = $6
            RETURNING xmin
            """);
        cmd.Parameters.Add(Param(product.Id));
        cmd.Parameters.Add(Param(product.Name));
        cmd.Parameters.Add(Param(product.CategoryId));
        cmd.Parameters.Add(Param(product.UnitPrice));
        cmd.Parameters.Add(Param(product.Stock));
        cmd.Parameters.Add(new NpgsqlParameter<uint> { TypedValue = product.Version, NpgsqlDbType = NpgsqlDbType.Xid });
        object? newVersion;
        try
        {
            newVersion = await cmd.ExecuteScalarAsync(cancellationToken);
        }
        catch (PostgresException e) when (ConstraintViolations.Translate(e) is { } domain)
        {
            throw domain;
        }
        return newVersion is uint version
            ? product with { Version = version }
            : throw await NotFoundOrConflictAsync(product.Id, product.Version, cancellationToken);
        #endregion
    }

    public async Task DeleteProductAsync(long id, uint expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var cmd = _dataSource.CreateCommand("DELETE FROM product WHERE product_id = $1 AND xmin = $2");
        cmd.Parameters.Add(Param(id));
        cmd.Parameters.Add(new NpgsqlParameter<uint> { TypedValue = expectedVersion, NpgsqlDbType = NpgsqlDbType.Xid });
        int deleted;
        try
        {
            deleted = await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new EntityInUseException("product", id, e);
        }
        if (deleted == 0) throw await NotFoundOrConflictAsync(id, expectedVersion, cancellationToken);
    }

    public async Task<Order> PlaceOrderAsync(long customerId, IReadOnlyList<OrderLineRequest> lines, CancellationToken cancellationToken = default)
    {
        ShopInput.Lines(lines);
        if (_bug == RepositoryBug.NoTransaction) return await PlaceOrderStatementByStatementAsync(customerId, lines, cancellationToken);
        await using var conn = await _dataSource.OpenConnectionAsync(cancellationToken);
        #region Exercise 1.4-3c: the order, its lines and the stock decrements in one transaction, all or nothing, in two round trips (tests: NpgsqlShopRepositoryTests.Placing*, NpgsqlShopRepositoryTests.An_order*, NpgsqlShopRepositoryTests.Deleting_an*, CrudExperimentTests.The_same*)
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(conn, tx);
        var current = 0; // the line whose statement runs; a failure surfaces while reading its result
        try
        {
            long orderId;
            DateTimeOffset placedAt;
            await using (var insertOrder = new NpgsqlCommand("INSERT INTO purchase_order (customer_id) VALUES ($1) RETURNING order_id, placed_at", conn, tx))
            {
                insertOrder.Parameters.Add(Param(customerId));
                await using var reader = await insertOrder.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                (orderId, placedAt) = (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
            }
            // One statement per line, all lines in one batch: take the stock (the CHECK stock >= 0 refuses to go
            // below zero) and write the line at the price the product has now. No row taken: no such product.
            for (var i = 0; i < lines.Count; i++)
            {
                var line = new NpgsqlBatchCommand("""
                    WITH taken AS (UPDATE product SET stock = stock - $3 WHERE product_id = $2 RETURNING unit_price)
                    INSERT INTO order_line (order_id, line_no, product_id, quantity, unit_price)
                    SELECT $1, $4, $2, $3, unit_price FROM taken
                    RETURNING unit_price
                    """);
                line.Parameters.Add(Param(orderId));
                line.Parameters.Add(Param(lines[i].ProductId));
                line.Parameters.Add(Param(lines[i].Quantity));
                line.Parameters.Add(Param(i + 1));
                batch.BatchCommands.Add(line);
            }
            var stored = new List<OrderLine>(lines.Count);
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                for (current = 0; current < lines.Count; current++)
                {
                    if (current > 0) await reader.NextResultAsync(cancellationToken); // a failed line throws here
                    var (productId, quantity) = lines[current];
                    if (!await reader.ReadAsync(cancellationToken)) throw new MissingReferenceException("order line", "product", productId);
                    stored.Add(new OrderLine(current + 1, productId, quantity, reader.GetDecimal(0)));
                }
            }
            await tx.CommitAsync(cancellationToken);
            return new Order(orderId, customerId, placedAt, stored);
        }
        catch (PostgresException e) when (e.ConstraintName == "ck_product_stock")
        {
            throw new InsufficientStockException(lines[current].ProductId, lines[current].Quantity, e);
        }
        catch (PostgresException e) when (ConstraintViolations.Translate(e) is { } domain)
        {
            throw domain;
        }
        #endregion
    }

    public async Task<Order?> FindOrderAsync(long id, CancellationToken cancellationToken = default)
    {
        // Two queries, one round trip.
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT customer_id, placed_at FROM purchase_order WHERE order_id = $1") { Parameters = { Param(id) } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT line_no, product_id, quantity, unit_price FROM order_line WHERE order_id = $1 ORDER BY line_no")
        {
            Parameters = { Param(id) },
        });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var (customerId, placedAt) = (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
        await reader.NextResultAsync(cancellationToken);
        var lines = new List<OrderLine>();
        while (await reader.ReadAsync(cancellationToken))
            lines.Add(new OrderLine(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetDecimal(3)));
        return new Order(id, customerId, placedAt, lines);
    }

    public async Task<bool> DeleteOrderAsync(long id, CancellationToken cancellationToken = default)
    {
        // The lines go with it: fk_order_line_order is ON DELETE CASCADE.
        await using var cmd = _dataSource.CreateCommand("DELETE FROM purchase_order WHERE order_id = $1");
        cmd.Parameters.Add(Param(id));
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>The planted bug's batch insert: one autocommitted INSERT per product.</summary>
    private async Task<IReadOnlyList<Product>> AddProductsOneByOneAsync(IReadOnlyList<NewProduct> products, CancellationToken cancellationToken)
    {
        var added = new List<Product>(products.Count);
        foreach (var product in products) added.Add(await AddProductAsync(product, cancellationToken));
        return added;
    }

    /// <summary>The planted bug's order: the same statements as <see cref="PlaceOrderAsync"/>, each committed on its own.</summary>
    private async Task<Order> PlaceOrderStatementByStatementAsync(long customerId, IReadOnlyList<OrderLineRequest> lines, CancellationToken cancellationToken)
    {
        long orderId;
        DateTimeOffset placedAt;
        try
        {
            await using var insertOrder = _dataSource.CreateCommand("INSERT INTO purchase_order (customer_id) VALUES ($1) RETURNING order_id, placed_at");
            insertOrder.Parameters.Add(Param(customerId));
            await using var reader = await insertOrder.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (orderId, placedAt) = (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
        }
        catch (PostgresException e) when (ConstraintViolations.Translate(e) is { } domain)
        {
            throw domain;
        }
        var stored = new List<OrderLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var (productId, quantity) = lines[i];
            await using var line = _dataSource.CreateCommand("""
                WITH taken AS (UPDATE product SET stock = stock - $3 WHERE product_id = $2 RETURNING unit_price)
                INSERT INTO order_line (order_id, line_no, product_id, quantity, unit_price)
                SELECT $1, $4, $2, $3, unit_price FROM taken
                RETURNING unit_price
                """);
            line.Parameters.Add(Param(orderId));
            line.Parameters.Add(Param(productId));
            line.Parameters.Add(Param(quantity));
            line.Parameters.Add(Param(i + 1));
            object? price;
            try
            {
                price = await line.ExecuteScalarAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.ConstraintName == "ck_product_stock")
            {
                throw new InsufficientStockException(productId, quantity, e);
            }
            catch (PostgresException e) when (ConstraintViolations.Translate(e) is { } domain)
            {
                throw domain;
            }
            stored.Add(new OrderLine(i + 1, productId, quantity, price is decimal p ? p : throw new MissingReferenceException("order line", "product", productId)));
        }
        return new Order(orderId, customerId, placedAt, stored);
    }

    /// <summary>An update/delete matched no row: either the row is gone, or its version moved on.</summary>
    private async Task<ShopException> NotFoundOrConflictAsync(long id, uint expectedVersion, CancellationToken cancellationToken)
    {
        await using var cmd = _dataSource.CreateCommand("SELECT EXISTS (SELECT FROM product WHERE product_id = $1)");
        cmd.Parameters.Add(Param(id));
        return (bool)(await cmd.ExecuteScalarAsync(cancellationToken))!
            ? new ConcurrencyConflictException("product", id, expectedVersion)
            : new EntityNotFoundException("product", id);
    }

    private static NpgsqlParameter<T> Param<T>(T value) => new() { TypedValue = value };

    private static NpgsqlParameter[] ProductParameters(NewProduct p) =>
        [Param(p.Sku), Param(p.Name), Param(p.CategoryId), Param(p.UnitPrice), Param(p.Stock)];

    private static Product ReadProduct(NpgsqlDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetDecimal(4), r.GetInt32(5), r.GetFieldValue<uint>(6));
}
