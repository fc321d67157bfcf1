using System.Globalization;
using System.Text;

namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>
/// Writes a sales CSV with realistic dirt, deterministically from a seed: about 4% of rows carry exactly
/// one defect (bad date, missing field, wrong type, out-of-range value, truncated row, exact duplicate of
/// an earlier row), and many clean rows carry harmless noise the cleaner must normalise (padding,
/// lower-case codes, quoted product names with commas). The manifest records every defect's line.
/// </summary>
public static class DirtyCsvGenerator
{
    private static readonly string[] Products = ["Mug, ceramic", "Wireless charger", "Notebook A5", "Desk lamp \"Luxo\"", "Wool scarf", "Steel bottle, 750 ml", "Oak table", "Headphones"];
    private static readonly string[] Currencies = ["EUR", "EUR", "EUR", "USD", "GBP", " eur", "usd "];
    private static readonly string[] Countries = ["NL", "DE", "FR", "BE", "nl", "ES", "IT", "PL"];
    private static readonly string[] BadDates = ["2025-02-30T10:00:00Z", "31/12/2025 10:00", "yesterday", "2025-13-01T00:00:00Z", "2025-06-01 25:61"];
    private static readonly string[] WrongQuantities = ["three", "2.5", "1O", "n/a"];
    private static readonly string[] WrongPrices = ["12,50", "N/A", "€9.99", "free"];

    public static DirtyCsvManifest Write(string path, long rows, int seed)
    {
        var random = new Random(seed);
        var dirty = new Dictionary<long, RejectKind>();
        var recentClean = new List<string>(capacity: 1024);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        writer.WriteLine(SalesCsv.Header);
        var fields = new string[8];
        for (long i = 0; i < rows; i++)
        {
            var line = i + 2; // line 1 is the header
            var roll = random.NextDouble();
            if (roll < 0.008 && recentClean.Count > 0)
            {
                writer.WriteLine(recentClean[random.Next(recentClean.Count)]); // an exact re-send of an earlier row
                dirty[line] = RejectKind.Duplicate;
                continue;
            }
            fields[0] = (1_000_000 + i).ToString(CultureInfo.InvariantCulture);
            fields[1] = random.Next(1, 50_001).ToString(CultureInfo.InvariantCulture);
            fields[2] = start.AddSeconds(random.Next(0, 365 * 24 * 3600)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            fields[3] = CsvLine.Quote(Products[random.Next(Products.Length)]);
            fields[4] = random.Next(1, 21).ToString(CultureInfo.InvariantCulture);
            fields[5] = (random.Next(99, 50_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture);
            fields[6] = Currencies[random.Next(Currencies.Length)];
            fields[7] = Countries[random.Next(Countries.Length)];
            RejectKind? kind = null;
            if (roll < 0.016) { fields[2] = BadDates[random.Next(BadDates.Length)]; kind = RejectKind.BadDate; }
            else if (roll < 0.024) { fields[random.Next(2) == 0 ? 1 : 6] = ""; kind = RejectKind.MissingField; }
            else if (roll < 0.032)
            {
                if (random.Next(2) == 0) fields[4] = WrongQuantities[random.Next(WrongQuantities.Length)];
                else fields[5] = CsvLine.Quote(WrongPrices[random.Next(WrongPrices.Length)]);
                kind = RejectKind.WrongType;
            }
            else if (roll < 0.036) { if (random.Next(2) == 0) fields[4] = "0"; else fields[5] = "-4.99"; kind = RejectKind.OutOfRange; }
            var text = string.Join(',', fields);
            if (roll is >= 0.036 and < 0.040) { text = string.Join(',', fields.Take(random.Next(3, 7))); kind = RejectKind.MalformedRow; }
            writer.WriteLine(text);
            if (kind is { } k) dirty[line] = k;
            else if (recentClean.Count < 1024) recentClean.Add(text);
            else recentClean[random.Next(recentClean.Count)] = text;
        }
        return new DirtyCsvManifest(path, rows, dirty);
    }
}
