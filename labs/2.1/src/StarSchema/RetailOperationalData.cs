using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace StatelessMind.Labs.DimensionalModeling.StarSchema;

/// <summary>
/// A generated retail operational database (the dbt project's sources): customers with a shipping address and, for
/// some, a billing one; products in categories and departments; stores in regions; orders in 2024 with 1–20 lines
/// (1 + ⌊Exp(mean 3)⌋, capped); the CRM's customer profiles; accounts held by one to three customers with ownership
/// shares that add up to 1, and their transactions.
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
    public required IReadOnlyList<(int Id, string Type, DateTime OpenedAt)> Accounts { get; init; }
    public required IReadOnlyList<(int AccountId, int CustomerId, decimal Share)> Holders { get; init; }
    public required IReadOnlyList<(int Id, int AccountId, long AmountCents, DateTime PostedAt)> Transactions { get; init; }

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
        var (accounts, holders, transactions) = GenerateAccounts(customers, orders, seed);
        return new RetailOperationalData
        {
            Customers = customerRows, Addresses = addresses, Products = productRows, Stores = storeRows, Orders = orderRows, Lines = lines,
            Accounts = accounts, Holders = holders, Transactions = transactions,
        };
    }

    /// <summary>Ownership splits of accounts with two and three holders; each adds up to exactly 1.</summary>
    private static readonly decimal[][] Splits = [[0.5m, 0.5m], [0.6m, 0.4m], [0.7m, 0.3m], [0.5m, 0.25m, 0.25m], [0.4m, 0.3m, 0.3m]];

    /// <summary>
    /// Accounts (one per two customers), 60 % with one holder, 30 % with two, 10 % with three distinct customers;
    /// one transaction per order on a random account. A random stream of its own, so the order data stays as it was.
    /// </summary>
    private static (List<(int, string, DateTime)>, List<(int, int, decimal)>, List<(int, int, long, DateTime)>) GenerateAccounts(int customers, int orders, int seed)
    {
        var random = new Random(unchecked(seed * 7919 + 17));
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var accountCount = Math.Max(1, customers / 2);
        var accounts = new List<(int, string, DateTime)>();
        var holders = new List<(int, int, decimal)>();
        for (var a = 1; a <= accountCount; a++)
        {
            accounts.Add((a, random.NextDouble() < 0.7 ? "checking" : "savings", start.AddDays(-random.Next(1, 900))));
            var u = random.NextDouble();
            decimal[] split = u < 0.6 || customers < 3 ? [1m] : u < 0.9 ? Splits[random.Next(3)] : Splits[3 + random.Next(2)];
            var chosen = new HashSet<int>();
            foreach (var share in split)
            {
                int customer;
                do customer = random.Next(1, customers + 1); while (!chosen.Add(customer));
                holders.Add((a, customer, share));
            }
        }
        var transactions = new List<(int, int, long, DateTime)>();
        for (var t = 1; t <= orders; t++)
            transactions.Add((t, random.Next(1, accountCount + 1), (long)random.Next(100, 50_000) * (random.NextDouble() < 0.3 ? -1 : 1),
                start.AddMinutes(random.Next(0, 366 * 24 * 60))));
        return (accounts, holders, transactions);
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
            create table "{schema}".customer_profiles (customer_id int primary key, full_name text not null, segment text not null, city text not null, updated_at timestamp not null);
            create table "{schema}".accounts (account_id int primary key, account_type text not null, opened_at timestamp not null);
            create table "{schema}".account_holders (account_id int not null references "{schema}".accounts, customer_id int not null references "{schema}".customers, ownership_share numeric(5, 4) not null, primary key (account_id, customer_id));
            create table "{schema}".account_transactions (transaction_id int primary key, account_id int not null references "{schema}".accounts, amount_cents bigint not null, posted_at timestamp not null);
            create table "{schema}".order_lines (order_id int not null references "{schema}".orders, line_number int not null, product_id int not null references "{schema}".products, quantity int not null, unit_price_cents bigint not null, primary key (order_id, line_number));
            """;
        await using (var command = new NpgsqlCommand(ddl, connection)) await command.ExecuteNonQueryAsync(cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".customers", Customers, (w, c) => { w.Write(c.Id); w.Write(c.Name); w.Write(c.Email); w.Write(c.Segment); w.Write(c.CreatedAt, NpgsqlDbType.Timestamp); }, cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".customer_addresses", Addresses, (w, a) => { w.Write(a.CustomerId); w.Write(a.Type); w.Write(a.City); }, cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".products", Products, (w, p) => { w.Write(p.Id); w.Write(p.Sku); w.Write(p.Name); w.Write(p.Category); w.Write(p.Department); w.Write(p.ListPriceCents); }, cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".stores", Stores, (w, s) => { w.Write(s.Id); w.Write(s.Name); w.Write(s.City); w.Write(s.RegionCode); }, cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".orders", Orders, (w, o) => { w.Write(o.Id); w.Write(o.CustomerId); w.Write(o.StoreId); w.Write(o.OrderedAt, NpgsqlDbType.Timestamp); }, cancellationToken);
        var shipping = Addresses.Where(a => a.Type == "shipping").ToDictionary(a => a.CustomerId, a => a.City);
        await CopyAsync(connection, $"\"{schema}\".customer_profiles", Customers, (w, c) => { w.Write(c.Id); w.Write(c.Name); w.Write(c.Segment); w.Write(shipping[c.Id]); w.Write(c.CreatedAt, NpgsqlDbType.Timestamp); }, cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".accounts", Accounts, (w, a) => { w.Write(a.Id); w.Write(a.Type); w.Write(a.OpenedAt, NpgsqlDbType.Timestamp); }, cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".account_holders", Holders, (w, h) => { w.Write(h.AccountId); w.Write(h.CustomerId); w.Write(h.Share, NpgsqlDbType.Numeric); }, cancellationToken);
        await CopyAsync(connection, $"\"{schema}\".account_transactions", Transactions, (w, t) => { w.Write(t.Id); w.Write(t.AccountId); w.Write(t.AmountCents); w.Write(t.PostedAt, NpgsqlDbType.Timestamp); }, cancellationToken);
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
