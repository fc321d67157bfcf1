using System.Globalization;
using System.Text;

namespace StatelessMind.Labs.Programming.DataFrames;

/// <summary>
/// Generates a messy orders table and a clean stores table (see <see cref="MessyOrdersSpec"/> for the law). Quantities
/// are uniform on 1…20 (outliers: ×500 or more), prices are a per-category base × U(0.5, 1.5) with two decimals.
/// Defects: empty prices; unparsable numbers ("n/a", "12.5.0", "$7.10", "7x"); exact duplicate rows inserted later in
/// the file; categories in other case, padded with spaces or under an alias; store ids missing from the stores table.
/// No field contains a comma or a quote, so the rows can also be read with a plain split.
/// </summary>
public static class MessyOrders
{
    private static readonly double[] BasePrice = [120.0, 4.0, 35.0, 18.0, 25.0];
    private static readonly string[] Regions = ["north", "south", "east", "west"];
    private static readonly string[] BadPrices = ["n/a", "12.5.0", "$7.10", "abc", "-"];
    private static readonly string[] BadQuantities = ["", "n/a", "7x", "three", "1e"];

    public static MessyDataset Generate(MessyOrdersSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegative(spec.Rows);
        var rng = new Random(spec.Seed);
        var aliases = OrdersSchema.CategoryAliases.GroupBy(a => a.Value).ToDictionary(g => g.Key, g => g.Select(a => a.Key).ToArray());
        var lines = new List<string>(spec.Rows);
        int missingPrices = 0, badPrices = 0, badQuantities = 0, outliers = 0, misspelled = 0, unknownStores = 0;
        for (var i = 0; i < spec.Rows; i++)
        {
            var store = rng.Next(1, spec.Stores + spec.UnknownStores + 1);
            if (store > spec.Stores) unknownStores++;
            var c = rng.Next(OrdersSchema.Categories.Count);
            var category = OrdersSchema.Categories[c];
            if (rng.NextDouble() < spec.MisspelledCategoryRate)
            {
                misspelled++;
                category = rng.Next(4) switch
                {
                    0 => category.ToUpperInvariant(),
                    1 => char.ToUpperInvariant(category[0]) + category[1..],
                    2 => "  " + category + " ",
                    _ => aliases.TryGetValue(category, out var names) ? names[rng.Next(names.Length)] : category.ToUpperInvariant(),
                };
            }

            var q = rng.Next(1, 21);
            string quantity;
            var roll = rng.NextDouble();
            if (roll < spec.BadQuantityRate) { badQuantities++; quantity = BadQuantities[rng.Next(BadQuantities.Length)]; }
            else if (roll < spec.BadQuantityRate + spec.OutlierRate) { outliers++; quantity = (q * 500 + rng.Next(500)).ToString(CultureInfo.InvariantCulture); }
            else quantity = q.ToString(CultureInfo.InvariantCulture);

            var price = Math.Round(BasePrice[c] * (0.5 + rng.NextDouble()), 2);
            string priceText;
            roll = rng.NextDouble();
            if (roll < spec.MissingPriceRate) { missingPrices++; priceText = ""; }
            else if (roll < spec.MissingPriceRate + spec.BadPriceRate) { badPrices++; priceText = BadPrices[rng.Next(BadPrices.Length)]; }
            else priceText = price.ToString("0.00", CultureInfo.InvariantCulture);

            lines.Add(string.Join(',', (i + 1).ToString(CultureInfo.InvariantCulture), store.ToString(CultureInfo.InvariantCulture), category, quantity, priceText));
        }

        // Exact copies of some rows, each inserted somewhere after its original.
        var duplicates = 0;
        var copies = (int)Math.Round(spec.Rows * spec.DuplicateRate);
        for (var k = 0; k < copies && lines.Count > 0; k++)
        {
            var source = rng.Next(lines.Count);
            lines.Insert(rng.Next(source + 1, lines.Count + 1), lines[source]);
            duplicates++;
        }

        var orders = new StringBuilder(string.Join(',', OrdersSchema.OrderColumns)).Append('\n');
        foreach (var line in lines) orders.Append(line).Append('\n');
        var stores = new StringBuilder(string.Join(',', OrdersSchema.StoreColumns)).Append('\n');
        for (var s = 1; s <= spec.Stores; s++)
            stores.Append(s.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Regions[(s - 1) % Regions.Length]).Append('\n');

        var planted = new PlantedDefects(spec.Rows, duplicates, missingPrices, badPrices, badQuantities, outliers, misspelled, unknownStores);
        return new MessyDataset(orders.ToString(), stores.ToString(), planted, spec);
    }
}
