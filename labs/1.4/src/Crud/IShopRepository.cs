namespace StatelessMind.Labs.Relational.Crud;

/// <summary>
/// Create, read, update and delete for the shop - implemented twice, with Npgsql (<see cref="NpgsqlShopRepository"/>)
/// and with EF Core (<see cref="EfCoreShopRepository"/>), and held to one contract by one test suite.
/// Every write is atomic: it stores all its rows or none. A broken rule surfaces as a <see cref="ShopException"/>
/// (duplicate, missing reference, rule violation, concurrency conflict, not found, in use), never as a raw driver error.
/// </summary>
public interface IShopRepository : IAsyncDisposable
{
    /// <summary>"Npgsql" or "EF Core", for reports.</summary>
    string Name { get; }

    Task<Category> AddCategoryAsync(string name, CancellationToken cancellationToken = default);

    Task<Customer> AddCustomerAsync(NewCustomer customer, CancellationToken cancellationToken = default);

    Task<Customer?> FindCustomerAsync(long id, CancellationToken cancellationToken = default);

    Task<Product> AddProductAsync(NewProduct product, CancellationToken cancellationToken = default);

    /// <summary>Adds several products in one transaction: all of them, or (on any error) none.</summary>
    Task<IReadOnlyList<Product>> AddProductsAsync(IReadOnlyList<NewProduct> products, CancellationToken cancellationToken = default);

    Task<Product?> FindProductAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The products of one category, by SKU.</summary>
    Task<IReadOnlyList<Product>> ListProductsAsync(long categoryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the name, category, price and stock of <paramref name="product"/> if the row is still at <c>product.Version</c>;
    /// returns it with its new version. The SKU is the product's natural key and does not change.
    /// </summary>
    Task<Product> UpdateProductAsync(Product product, CancellationToken cancellationToken = default);

    /// <summary>Deletes a product if the row is still at <paramref name="expectedVersion"/> and no order refers to it.</summary>
    Task DeleteProductAsync(long id, uint expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Places an order in one transaction: the order, its lines (at the products' current prices) and the
    /// stock taken from each product. Not enough stock, or an unknown customer or product, writes nothing.
    /// </summary>
    Task<Order> PlaceOrderAsync(long customerId, IReadOnlyList<OrderLineRequest> lines, CancellationToken cancellationToken = default);

    Task<Order?> FindOrderAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Deletes an order and its lines; false when there was no such order.</summary>
    Task<bool> DeleteOrderAsync(long id, CancellationToken cancellationToken = default);
}
