namespace StatelessMind.Labs.Encoding.Formats;

/// <summary>A deterministic, realistic set of orders: the same seed gives the same records.</summary>
public static class OrderSetGenerator
{
    private static readonly string[] FirstNames = ["Anna", "Bram", "Chloé", "Dmitri", "Eva", "Fatima", "Günter", "Hiro", "Inés", "Jan", "Kofi", "Lena", "Mateo", "Noor", "Olga", "Pieter"];
    private static readonly string[] LastNames = ["de Vries", "Jansen", "Müller", "Rossi", "García", "Nakamura", "Okafor", "Novak", "Dubois", "Smith", "Kowalski", "Bakker"];
    private static readonly string[] Cities = ["Amsterdam", "Rotterdam", "Berlin", "Lyon", "Milano", "Kraków", "Porto", "Utrecht", "Gent", "Wien"];
    private static readonly string[] Streets = ["Keizersgracht", "Hauptstraße", "Rue de la Paix", "Via Roma", "Calle Mayor", "Stationsplein", "Dorpsstraat", "Marktplatz"];
    private static readonly string[] Countries = ["NL", "DE", "FR", "IT", "ES", "PL", "PT", "BE", "AT"];
    private static readonly string[] Words = ["organic", "cotton", "shirt", "ceramic", "mug", "wireless", "charger", "leather", "wallet", "steel", "bottle", "wool", "scarf", "oak", "table", "lamp", "blue", "large", "set of 4", "recycled"];
    private static readonly string[] Tags = ["gift", "express", "first-order", "b2b", "fragile", "subscription", "promo"];
    private static readonly string[] Currencies = ["EUR", "EUR", "EUR", "USD", "GBP", "PLN"];
    private static readonly string[] Statuses = ["PLACED", "PAID", "SHIPPED", "DELIVERED", "RETURNED"];

    public static List<Order> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var orders = new List<Order>(count);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        for (var i = 0; i < count; i++)
        {
            var first = Pick(random, FirstNames);
            var last = Pick(random, LastNames);
            Address? address = random.NextDouble() < 0.8
                ? new Address($"{Pick(random, Streets)} {random.Next(1, 400)}", Pick(random, Cities), $"{random.Next(1000, 9999)} {(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}", Pick(random, Countries))
                : null;
            var customer = new OrderCustomer(random.NextInt64(1, 5_000_000), $"{first} {last}",
                $"{first.ToLowerInvariant()}.{last.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}@example.org", address);
            var items = new List<LineItem>();
            for (int n = random.Next(1, 9), k = 0; k < n; k++)
                items.Add(new LineItem($"SKU-{random.Next(10000, 99999)}", $"{Pick(random, Words)} {Pick(random, Words)} {Pick(random, Words)}",
                    random.Next(1, 12), Math.Round(random.NextDouble() * 250 + 0.5, 2)));
            var tags = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(random, Tags)).Distinct().ToList();
            orders.Add(new Order(
                OrderId: 10_000_000 + i,
                CreatedAtUnixMs: start + random.NextInt64(0, 365L * 24 * 3600 * 1000),
                Customer: customer,
                Items: items,
                Tags: tags,
                CouponCode: random.NextDouble() < 0.3 ? $"SAVE{random.Next(5, 50)}" : null,
                Discount: random.NextDouble() < 0.2 ? Math.Round(random.NextDouble() * 30, 2) : null,
                Currency: Pick(random, Currencies),
                Status: Pick(random, Statuses)));
        }
        return orders;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
