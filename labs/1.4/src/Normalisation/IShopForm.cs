namespace StatelessMind.Labs.Relational.Normalisation;

/// <summary>
/// One way of storing the shop (normalised or denormalised), offering the same business operations,
/// so that the anomalies of a design show up as different outcomes of the same call.
/// </summary>
public interface IShopForm
{
    string Name { get; }

    /// <summary>Creates the form's tables (its DDL file) in an empty database.</summary>
    Task CreateAsync(CancellationToken cancellationToken = default);

    /// <summary>Loads a dataset with COPY, keeping the dataset's ids.</summary>
    Task LoadAsync(ShopDataset data, CancellationToken cancellationToken = default);

    /// <summary>"The customer of this order is now called …", written where the form keeps that name on the order's side. Returns rows written.</summary>
    Task<int> RenameCustomerOfOrderAsync(long orderId, string newName, CancellationToken cancellationToken = default);

    /// <summary>Renames a customer everywhere. Returns rows written.</summary>
    Task<int> RenameCustomerAsync(string email, string newName, CancellationToken cancellationToken = default);

    /// <summary>Records a product nobody has ordered yet. Null when stored, else the SQLSTATE the server rejected it with.</summary>
    Task<string?> TryRegisterProductAsync(ProductFact product, CancellationToken cancellationToken = default);

    /// <summary>Deletes an order (with its lines). Returns rows deleted.</summary>
    Task<int> DeleteOrderAsync(long orderId, CancellationToken cancellationToken = default);

    /// <summary>Customers (e-mail addresses) that the stored data gives more than one name.</summary>
    Task<int> CountContradictionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Customers and products the stored data still knows about.</summary>
    Task<ShopFacts> CountFactsAsync(CancellationToken cancellationToken = default);
}
