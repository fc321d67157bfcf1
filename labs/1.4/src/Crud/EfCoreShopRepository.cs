using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using StatelessMind.Labs.Relational.Crud.EfCore;

namespace StatelessMind.Labs.Relational.Crud;

/// <summary>
/// The shop's CRUD with EF Core and the Npgsql provider: LINQ instead of SQL text, a unit of work per call
/// (a pooled DbContext), SaveChanges as the transaction for one set of changes, an explicit transaction where
/// several steps belong together, optimistic concurrency on xmin. The schema comes from the checked-in
/// migration (Crud/EfCore/Migrations), applied by <see cref="OpenAsync"/>.
/// </summary>
public sealed class EfCoreShopRepository : IShopRepository
{
    private static readonly Expression<Func<ProductRow, Product>> ToProduct =
        p => new Product(p.ProductId, p.Sku, p.Name, p.CategoryId, p.UnitPrice, p.Stock, p.Version);

    private static readonly Func<ProductRow, Product> ToProductInMemory = ToProduct.Compile();

    private readonly PooledDbContextFactory<ShopDbContext> _contexts;

    private EfCoreShopRepository(PooledDbContextFactory<ShopDbContext> contexts) => _contexts = contexts;

    public string Name => "EF Core";

    /// <summary>Connects to the database and applies the migrations it does not have yet (Database.MigrateAsync).</summary>
    public static async Task<EfCoreShopRepository> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var options = new DbContextOptionsBuilder<ShopDbContext>().UseNpgsql(connectionString).Options;
        var repository = new EfCoreShopRepository(new PooledDbContextFactory<ShopDbContext>(options));
        await using var db = await repository._contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        return repository;
    }

    public async Task<Category> AddCategoryAsync(string name, CancellationToken cancellationToken = default)
    {
        ShopInput.Text(name, nameof(name), 100);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var row = db.Categories.Add(new CategoryRow { Name = name }).Entity;
        await SaveAsync(db, cancellationToken);
        return new Category(row.CategoryId, row.Name);
    }

    public async Task<Customer> AddCustomerAsync(NewCustomer customer, CancellationToken cancellationToken = default)
    {
        ShopInput.Customer(customer);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var row = db.Customers.Add(new CustomerRow { Email = customer.Email, FullName = customer.FullName }).Entity;
        await SaveAsync(db, cancellationToken); // reads back customer_id and created_at (RETURNING)
        return new Customer(row.CustomerId, row.Email, row.FullName, row.CreatedAt);
    }

    public async Task<Customer?> FindCustomerAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Customers.Where(c => c.CustomerId == id)
            .Select(c => new Customer(c.CustomerId, c.Email, c.FullName, c.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<Product> AddProductAsync(NewProduct product, CancellationToken cancellationToken = default) =>
        (await AddProductsAsync([product], cancellationToken))[0];

    public async Task<IReadOnlyList<Product>> AddProductsAsync(IReadOnlyList<NewProduct> products, CancellationToken cancellationToken = default)
    {
        ShopInput.Products(products);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = products.Select(p => new ProductRow
        {
            Sku = p.Sku, Name = p.Name, CategoryId = p.CategoryId, UnitPrice = p.UnitPrice, Stock = p.Stock,
        }).ToList();
        db.Products.AddRange(rows);
        await SaveAsync(db, cancellationToken);
        return rows.Select(ToProductInMemory).ToList();
    }

    public async Task<Product?> FindProductAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Products.Where(p => p.ProductId == id).Select(ToProduct).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Product>> ListProductsAsync(long categoryId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Products.Where(p => p.CategoryId == categoryId).OrderBy(p => p.Sku).Select(ToProduct).ToListAsync(cancellationToken);
    }

    public async Task<Product> UpdateProductAsync(Product product, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(product);
        ShopInput.Text(product.Name, "name", 200);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        #region Exercise 1.4-3e: a disconnected update, attaching the row as read with its version as the original xmin and marking what changed (tests: EfCoreShopRepositoryTests.An_update*, EfCoreShopRepositoryTests.Deleting_needs*)
        var row = new ProductRow
        {
            ProductId = product.Id, Sku = product.Sku, Name = product.Name, CategoryId = product.CategoryId,
            UnitPrice = product.UnitPrice, Stock = product.Stock, Version = product.Version,
        };
        var entry = db.Products.Attach(row);
        entry.Property(p => p.Name).IsModified = true;
        entry.Property(p => p.CategoryId).IsModified = true;
        entry.Property(p => p.UnitPrice).IsModified = true;
        entry.Property(p => p.Stock).IsModified = true;
        try
        {
            await SaveAsync(db, cancellationToken); // UPDATE … WHERE product_id = @id AND xmin = @version RETURNING xmin
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw await NotFoundOrConflictAsync(db, product.Id, product.Version, e, cancellationToken);
        }
        return product with { Version = row.Version };
        #endregion
    }

    public async Task DeleteProductAsync(long id, uint expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        int deleted;
        try
        {
            deleted = await db.Products.Where(p => p.ProductId == id && p.Version == expectedVersion).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception e) when (ConstraintViolations.FindForeignKeyViolation(e) is { } pg)
        {
            throw new EntityInUseException("product", id, pg);
        }
        if (deleted == 0) throw await NotFoundOrConflictAsync(db, id, expectedVersion, null, cancellationToken);
    }

    public async Task<Order> PlaceOrderAsync(long customerId, IReadOnlyList<OrderLineRequest> lines, CancellationToken cancellationToken = default)
    {
        ShopInput.Lines(lines);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        #region Exercise 1.4-3f: one explicit transaction around the stock updates and SaveChanges, where leaving it uncommitted rolls all back (tests: EfCoreShopRepositoryTests.Placing*, EfCoreShopRepositoryTests.An_order*, EfCoreShopRepositoryTests.Deleting_an*)
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Inside a transaction EF Core wraps SaveChanges in a savepoint (two more round trips), so that a failed save
        // could be retried; this transaction is abandoned on any failure instead.
        db.Database.AutoSavepointsEnabled = false;
        foreach (var (productId, quantity) in lines)
        {
            int taken;
            try
            {
                // A set-based UPDATE (no entity loaded): stock = stock - quantity, checked by CHECK (stock >= 0).
                taken = await db.Products.Where(p => p.ProductId == productId)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - quantity), cancellationToken);
            }
            catch (Exception e) when (ConstraintViolations.Find(e) is { ConstraintName: "ck_product_stock" } pg)
            {
                throw new InsufficientStockException(productId, quantity, pg);
            }
            if (taken == 0) throw new MissingReferenceException("order line", "product", productId);
        }
        // The updates hold the rows' locks until commit: the prices read now are the ones the order gets.
        var ids = lines.Select(l => l.ProductId).ToList();
        var prices = await db.Products.Where(p => ids.Contains(p.ProductId))
            .ToDictionaryAsync(p => p.ProductId, p => p.UnitPrice, cancellationToken);
        var order = new OrderRow { CustomerId = customerId };
        order.Lines.AddRange(lines.Select((l, i) => new OrderLineRow
        {
            LineNo = i + 1, ProductId = l.ProductId, Quantity = l.Quantity, UnitPrice = prices[l.ProductId],
        }));
        db.Orders.Add(order);
        await SaveAsync(db, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return ToOrder(order);
        #endregion
    }

    public async Task<Order?> FindOrderAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.OrderId == id, cancellationToken);
        return row is null ? null : ToOrder(row);
    }

    public async Task<bool> DeleteOrderAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        return await db.Orders.Where(o => o.OrderId == id).ExecuteDeleteAsync(cancellationToken) == 1; // lines: ON DELETE CASCADE
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static Order ToOrder(OrderRow row) => new(row.OrderId, row.CustomerId, row.PlacedAt,
        row.Lines.OrderBy(l => l.LineNo).Select(l => new OrderLine(l.LineNo, l.ProductId, l.Quantity, l.UnitPrice)).ToList());

    private static async Task SaveAsync(ShopDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && ConstraintViolations.Translate(e) is { } domain)
        {
            throw domain;
        }
    }

    private static async Task<ShopException> NotFoundOrConflictAsync(ShopDbContext db, long id, uint expectedVersion, Exception? cause,
        CancellationToken cancellationToken) =>
        await db.Products.AnyAsync(p => p.ProductId == id, cancellationToken)
            ? new ConcurrencyConflictException("product", id, expectedVersion, cause)
            : new EntityNotFoundException("product", id);
}
