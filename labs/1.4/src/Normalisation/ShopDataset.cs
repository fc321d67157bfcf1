using System.Globalization;

namespace StatelessMind.Labs.Relational.Normalisation;

/// <summary>
/// Shop data to load into both forms of the schema: customers, products and orders, generated from a seed.
/// Popularity is skewed (Zipf), as in a real shop: a few customers and products appear on many orders,
/// a long tail on one or two - which is what makes the denormalised form's delete anomaly visible.
/// </summary>
public sealed record ShopDataset(
    IReadOnlyList<string> Categories,
    IReadOnlyList<CustomerFact> Customers,
    IReadOnlyList<ProductFact> Products,
    IReadOnlyList<OrderFact> Orders)
{
    public int LineCount => Orders.Sum(o => o.Lines.Count);

    public static ShopDataset Generate(int customers, int products, int orders, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(products, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(orders, 1);
        var random = new Random(seed);
        string[] categories = ["Books", "Music", "Garden", "Kitchen", "Toys", "Sports", "Office", "Games"];
        var customerList = Enumerable.Range(1, customers)
            .Select(i => new CustomerFact($"customer{i}@example.org", $"Customer {i}"))
            .ToList();
        var productList = Enumerable.Range(1, products)
            .Select(i => new ProductFact($"SKU-{i:D6}", $"Product {i}", categories[random.Next(categories.Length)],
                Math.Round(1m + (decimal)random.NextDouble() * 99m, 2)))
            .ToList();
        var pickCustomer = new ZipfSampler(customers, 1.0, random);
        var pickProduct = new ZipfSampler(products, 1.0, random);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var orderList = new List<OrderFact>(orders);
        for (var o = 1; o <= orders; o++)
        {
            var lineCount = 1 + random.Next(4);
            var chosen = new HashSet<int>();
            var lines = new List<OrderLineFact>(lineCount);
            while (lines.Count < lineCount)
            {
                var p = pickProduct.Next();
                if (!chosen.Add(p)) continue; // an order lists each product once
                lines.Add(new OrderLineFact(lines.Count + 1, p, 1 + random.Next(5), productList[p].ListPrice));
            }
            orderList.Add(new OrderFact(o, pickCustomer.Next(), start.AddMinutes(o * 7), lines));
        }
        return new ShopDataset(categories, customerList, productList, orderList);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Customers.Count} customers, {Products.Count} products, {Orders.Count} orders, {LineCount} order lines");
}
