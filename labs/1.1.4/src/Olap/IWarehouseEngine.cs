namespace StatelessMind.Labs.Storage.Olap;

/// <summary>The operations the OLTP and OLAP mixes need, implemented once per engine with the same SQL.</summary>
public interface IWarehouseEngine : IAsyncDisposable
{
    string Name { get; }

    Task LoadAsync(StarDataGenerator data, CancellationToken cancellationToken);

    /// <summary>The row of one sale joined to its customer and product, as text (empty when absent).</summary>
    Task<string> PointReadAsync(long saleId, CancellationToken cancellationToken);

    Task UpdateSaleAsync(long saleId, long deltaCents, CancellationToken cancellationToken);

    /// <summary>BEGIN; read a product's price; insert a sale of it; COMMIT.</summary>
    Task ShortTransactionAsync(long newSaleId, int dateKey, int customerId, int productId, int storeId, CancellationToken cancellationToken);

    /// <summary>Runs a query and returns its rows as text, in order.</summary>
    Task<IReadOnlyList<string>> QueryAsync(string sql, CancellationToken cancellationToken);
}
