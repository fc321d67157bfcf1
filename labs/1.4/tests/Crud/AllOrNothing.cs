using StatelessMind.Labs.Relational.Crud;

namespace StatelessMind.Labs.Relational.Tests.Crud;

/// <summary>
/// The contract's two all-or-nothing scenarios, as checks that return what a failed multi-row write left behind (empty
/// when nothing): the contract asserts them empty for both repositories, and <see cref="PlantedRepositoryBugTests"/>
/// runs them against a repository without transactions and expects them not to be.
/// </summary>
internal static class AllOrNothing
{
    /// <summary>Two batches whose last row is bad (a duplicate SKU, a negative price), after one good product.</summary>
    public static async Task<(DuplicateValueException Duplicate, RuleViolationException Price, IReadOnlyList<string> Problems)> BatchesWithABadLastRowAsync(
        IShopRepository repository, string connectionString, long categoryId)
    {
        await repository.AddProductAsync(new NewProduct("P-0", "Zero", categoryId, 1m, 1));
        // The bad row comes last, after the good rows have been sent: the transaction must take them back.
        var duplicate = await Assert.ThrowsAsync<DuplicateValueException>(() => repository.AddProductsAsync(
            [new("P-1", "One", categoryId, 1m, 1), new("P-2", "Two", categoryId, 2m, 2), new("P-0", "Twin", categoryId, 3m, 3)]));
        var price = await Assert.ThrowsAsync<RuleViolationException>(() => repository.AddProductsAsync(
            [new("Q-1", "One", categoryId, 1m, 1), new("Q-2", "Two", categoryId, 2m, 2), new("Q-3", "Three", categoryId, -3m, 3)]));

        var products = await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM product");
        return (duplicate, price, products == 1 ? [] : [$"the failed batches left {products - 1} products behind"]);
    }

    /// <summary>An order whose first two lines are fine and whose third is beyond the stock.</summary>
    public static async Task<(InsufficientStockException Refused, IReadOnlyList<Product> Products, IReadOnlyList<string> Problems)> OrderBeyondTheStockAsync(
        IShopRepository repository, string connectionString, long categoryId, long customerId)
    {
        var products = await repository.AddProductsAsync(
            [new("B-1", "One", categoryId, 1m, 5), new("B-2", "Two", categoryId, 2m, 5), new("B-3", "Three", categoryId, 3m, 1)]);

        // The first two lines are written before the third fails: the transaction must take them back.
        var refused = await Assert.ThrowsAsync<InsufficientStockException>(() => repository.PlaceOrderAsync(customerId,
            [new OrderLineRequest(products[0].Id, 2), new OrderLineRequest(products[1].Id, 2), new OrderLineRequest(products[2].Id, 2)]));

        var problems = new List<string>();
        var orders = await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM purchase_order");
        var lines = await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM order_line");
        if (orders + lines > 0) problems.Add($"the refused order left {orders} orders and {lines} lines behind");
        foreach (var p in products)
            if (await repository.FindProductAsync(p.Id) is { } now && now != p)
                problems.Add($"product {p.Sku} changed: stock {p.Stock} → {now.Stock}, version {p.Version} → {now.Version}");
        return (refused, products, problems);
    }
}
