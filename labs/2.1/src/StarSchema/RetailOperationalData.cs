using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace StatelessMind.Labs.DimensionalModeling.StarSchema;

/// <summary>
/// A generated retail operational database (the dbt project's sources): customers with a shipping address and, for
/// some, a billing one; products in categories and departments; stores in regions; orders in 2024 with 1–20 lines
/// (1 + ⌊Exp(mean 3)⌋, capped).
/// Order sizes and product popularity are skewed (a product's weight ∝ 1/rank). Seeded: the same seed, the same rows.
/// </summary>
public sealed class RetailOperationalData
{
    private static readonly string[] Segments = ["consumer", "small_business", "corporate"];
    private static readonly string[] Cities = ["Avalon", "Brightwater", "Cedar Falls", "Dunmore", "Eastport", "Fairhaven", "Glenrock", "Harbor City"];
    private static readonly (string Category, string Department)[] Categories =
        [("Coffee", "Grocery"), ("Tea", "Grocery"), ("Snacks", "Grocery"), ("Kettles", "Kitchen"), ("Mugs", "Kitchen"), ("Notebooks", "Stationery")];
    private static readonly string[] RegionCodes = ["N", "S", "E", "W"];

    public required IReadOnlyList<(int Id, string Name, string Email, string Segment, DateTime CreatedAt)> Customers { get; init; }
    public required IReadOnlyList<(int CustomerId, string Type, string City)> Addresses { get; init; }
    public required IReadOnlyList<(int Id, string Sku, string Name, string Category, string Department, long ListPriceCents)> Products { get; init; }
    public required IReadOnlyList<(int Id, string Name, string City, string RegionCode)> Stores { get; init; }
    public required IReadOnlyList<(int Id, int CustomerId, int StoreId, DateTime OrderedAt)> Orders { get; init; }
    public required IReadOnlyList<(int OrderId, int LineNumber, int ProductId, int Quantity, long UnitPriceCents)> Lines { get; init; }

    /// <summary>Σ quantity × unit price over every order line: what the fact table must add up to.</summary>
    public long TotalRevenueCents => Lines.Sum(l => l.Quantity * l.UnitPriceCents);

    public long TotalUnits => Lines.Sum(l => (long)l.Quantity);

    public static RetailOperationalData Generate(int customers, int products, int stores, int orders, int seed)
    {
        var random = new Random(seed);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var customerRows = Enumerable.Range(1, customers).Select(i =>
            (i, $"Customer {i}", $"customer{i}@example.test", Segments[random.Next(Segments.Length)], start.AddDays(-random.Next(1, 700)))).ToList();
        var addresses = new List<(int, string, string)>();
        foreach (var c in customerRows)
        {
            addresses.Add((c.Item1, "shipping", Cities[random.Next(Cities.Length)]));
            if (random.NextDouble() < 0.4) addresses.Add((c.Item1, "billing", Cities[random.Next(Cities.Length)]));
        }
        var productRows = Enumerable.Range(1, products).Select(i =>
        {
            var (category, department) = Categories[random.Next(Categories.Length)];
            return (i, $"SKU-{i:D5}", $"{category} item {i}", category, department, (long)random.Next(99, 9_999));
        }).ToList();
        var storeRows = Enumerable.Range(1, stores).Select(i => (i, $"Store {i}", Cities[random.Next(Cities.Length)], RegionCodes[random.Next(RegionCodes.Length)])).ToList();
        // Popularity ∝ 1/rank: a cumulative table sampled by binary search.
        var cumulative = new double[products];
        var total = 0.0;
        for (var r = 0; r < products; r++) cumulative[r] = total += 1.0 / (r + 1);
        var orderRows = new List<(int, int, int, DateTime)>();
        var lines = new List<(int, int, int, int, long)>();
        for (var o = 1; o <= orders; o++)
        {
            orderRows.Add((o, random.Next(1, customers + 1), random.Next(1, stores + 1), start.AddMinutes(random.Next(0, 366 * 24 * 60))));
            var lineCount = 1 + (int)Math.Min(19, Math.Floor(-Math.Log(1 - random.NextDouble()) * 3.0));
            for (var l = 1; l <= lineCount; l++)
            {
                var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
                var product = productRows[index < 0 ? Math.Min(~index, products - 1) : index];
                var discount = random.NextDouble() < 0.2 ? 0.9 : 1.0;
                lines.Add((o, l, product.Item1, random.Next(1, 6), (long)Math.Round(product.Item6 * discount)));
            }
        }
        return new RetailOperationalData
        {
            Customers = customerRows, Addresses = addresses, Products = productRows, Stores = storeRows, Orders = orderRows, Lines = lines,
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Customers.Count} customers, {Products.Count} products, {Stores.Count} stores, {Orders.Count} orders, {Lines.Count} order lines");

    /// <summary>Creates the operational tables in <paramref name="schema"/> and copies the rows in with COPY.</summary>
    public async Task LoadAsync(string connectionString, string schema, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var ddl = $"""
            create schema if not exists "{schema}";
            create table "{schema}".customers (customer_id int primary key, full_name text not null, email text not null, segment text not null, created_at timestamp not null);
            create table "{schema}".customer_addresses (customer_id int not null references "{schema}".customers, address_type text not null, city text not null, primary key (customer_id, address_type));
            create table "{schema}".products (product_id int primary key, sku text not null unique, product_name text not null, category text not null, department text not null, list_price_cents bigint not null);
            create table "{schema}".stores (store_id int primary key, store_name text not null, city text not null, region_code text not null);
            create table "{schema}".orders (order_id int primary key, customer_id int not null references "{schema}".customers, store_id int not null references "{schema}".stores, ordered_at timestamp not null);
            create table "{schema}".order_lines (order_id int not null references "{schema}".orders, line_number int not null, product_id int not null references "{schema}".products, quantity int not null, unit_price_cents bigint not null, primary key (order_id, line_number));
            """;
        await using (var command = new NpgsqlCommand(ddl, connection)) await command.ExecuteNonQueryAsync(cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".customers", Customers, (w, c) => { w.Write(c.Id); w.Write(c.Name); w.Write(c.Email); w.Write(c.Segment); w.Write(c.CreatedAt, NpgsqlDbType.Timestamp); }, cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".customer_addresses", Addresses, (w, a) => { w.Write(a.CustomerId); w.Write(a.Type); w.Write(a.City); }, cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".products", Products, (w, p) => { w.Write(p.Id); w.Write(p.Sku); w.Write(p.Name); w.Write(p.Category); w.Write(p.Department); w.Write(p.ListPriceCents); }, cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".stores", Stores, (w, s) => { w.Write(s.Id); w.Write(s.Name); w.Write(s.City); w.Write(s.RegionCode); }, cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".orders", Orders, (w, o) => { w.Write(o.Id); w.Write(o.CustomerId); w.Write(o.StoreId); w.Write(o.OrderedAt, NpgsqlDbType.Timestamp); }, cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".order_lines", Lines, (w, l) => { w.Write(l.OrderId); w.Write(l.LineNumber); w.Write(l.ProductId); w.Write(l.Quantity); w.Write(l.UnitPriceCents); }, cancellationToken);
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"copy {table} from stdin (format binary)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            write(importer, row);
        }
        await importer.CompleteAsync(cancellationToken);
    }
}
