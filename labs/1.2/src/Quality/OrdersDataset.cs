using Microsoft.Data.Analysis;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>
/// A generated orders table for the quality suite, and the same table with exactly one kind of defect seeded.
/// The law: amounts log-normal (μ = 4, σ = 0.6, rounded to cents) with one row at each bound (0 and 10,000); order
/// times uniform over the 30 days before "as of" in whole seconds, the newest exactly one hour old; shipments 0–72 h
/// after the order (some at the same second), none for pending or cancelled orders; coupon codes on 5% of rows,
/// unique, null elsewhere. The clean data sits on every boundary the suite draws, so a check that is off by one fails it.
/// </summary>
public static class OrdersDataset
{
    public const string ReferenceName = "orders_reference";
    public const double MaxAmount = 10_000;
    public const int TruncatedRows = 600;
    public static readonly IReadOnlyList<string> Statuses = ["pending", "paid", "shipped", "cancelled"];
    private static readonly string[] Domains = ["example.com", "mail.example.org", "shop-42.example.net"];
    private static readonly string[] Names = ["ann", "bob", "chen", "dana", "eva", "farid", "gus", "hana"];

    public static readonly IReadOnlyDictionary<OrdersDefect, string> Targets = new Dictionary<OrdersDefect, string>
    {
        [OrdersDefect.MissingCustomer] = "not_null(customer_id)",
        [OrdersDefect.DuplicateOrderId] = "unique(order_id)",
        [OrdersDefect.AmountOutOfRange] = "between(amount)",
        [OrdersDefect.UnknownStatus] = "in_set(status)",
        [OrdersDefect.MalformedEmail] = "regex(email)",
        [OrdersDefect.TooFewRows] = "row_count_between",
        [OrdersDefect.ShippedBeforeOrdered] = "column_pair(shipped_at,ordered_at)",
        [OrdersDefect.Stale] = "freshness(ordered_at)",
        [OrdersDefect.AmountDrift] = "distribution_drift(amount)",
    };

    public static DataFrame Generate(int rows, int seed, DateTimeOffset asOf)
    {
        var random = new Random(seed);
        var now = asOf.UtcDateTime;
        var rowId = new Int64DataFrameColumn("row_id");
        var orderId = new Int64DataFrameColumn("order_id");
        var customerId = new Int64DataFrameColumn("customer_id");
        var coupon = new StringDataFrameColumn("coupon_code");
        var status = new StringDataFrameColumn("status");
        var email = new StringDataFrameColumn("email");
        var amount = new DoubleDataFrameColumn("amount");
        var orderedAt = new DateTimeDataFrameColumn("ordered_at");
        var shippedAt = new DateTimeDataFrameColumn("shipped_at");
        for (var i = 0; i < rows; i++)
        {
            rowId.Append(i + 1);
            orderId.Append(700_000 + 3L * i + random.Next(3));
            customerId.Append(1 + random.Next(Math.Max(1, rows / 5)));
            coupon.Append(random.NextDouble() < 0.05 ? $"CP-{i:D7}" : null);
            var s = Statuses[random.Next(Statuses.Count)];
            status.Append(s);
            email.Append($"{Names[random.Next(Names.Length)]}{(random.Next(3) == 0 ? "." : "")}{random.Next(1000)}@{Domains[random.Next(Domains.Length)]}");
            var a = i switch
            {
                0 => 0,
                1 => MaxAmount,
                _ => Math.Clamp(Math.Round(Math.Exp(4 + 0.6 * Gaussian(random)), 2), 0.5, 9_000),
            };
            amount.Append(a);
            var ordered = i == 2 ? now.AddHours(-1) : now.AddSeconds(-random.Next(3_600, 30 * 86_400));
            orderedAt.Append(ordered);
            shippedAt.Append(s is "paid" or "shipped" ? ordered.AddSeconds(random.Next(8) == 0 ? 0 : random.Next(72 * 3_600)) : null);
        }
        return new DataFrame(rowId, orderId, customerId, coupon, status, email, amount, orderedAt, shippedAt);
    }

    /// <summary>The dataset with one defect seeded (null: clean), touching max(3, rows/200) rows for a row-level defect.</summary>
    public static SeededDataset Seed(DataFrame clean, OrdersDefect? defect, int seed)
    {
        ArgumentNullException.ThrowIfNull(clean);
        if (defect is not { } d) return new SeededDataset(clean, null, null, []);
        var frame = clean.Clone();
        var rows = (int)frame.Rows.Count;
        var random = new Random(seed);
        var count = Math.Max(3, rows / 200);
        // Distinct, non-adjacent rows from row 3 on (rows 0–2 carry the boundary values of the clean data).
        var picked = Enumerable.Range(0, rows / 2 - 2).Select(i => 2 * i + 3).OrderBy(_ => random.Next()).Take(count).Order().ToList();
        var keys = new List<long>();
        var rowId = (Int64DataFrameColumn)frame.Columns["row_id"];
        switch (d)
        {
            case OrdersDefect.MissingCustomer:
                foreach (var i in picked) { frame.Columns["customer_id"][i] = null; keys.Add(rowId[i]!.Value); }
                break;
            case OrdersDefect.DuplicateOrderId:
                foreach (var i in picked.Where(i => i + 1 < rows))
                {
                    frame.Columns["order_id"][i] = frame.Columns["order_id"][i + 1];
                    keys.Add(rowId[i]!.Value);
                    keys.Add(rowId[i + 1]!.Value);
                }
                break;
            case OrdersDefect.AmountOutOfRange:
                foreach (var (i, n) in picked.Select((i, n) => (i, n)))
                {
                    frame.Columns["amount"][i] = n % 2 == 0 ? -Math.Round(1 + random.NextDouble() * 50, 2) : MaxAmount + 0.01 + n;
                    keys.Add(rowId[i]!.Value);
                }
                break;
            case OrdersDefect.UnknownStatus:
                string[] wrong = ["lost", "PAID", "", "shiped"];
                foreach (var (i, n) in picked.Select((i, n) => (i, n))) { frame.Columns["status"][i] = wrong[n % wrong.Length]; keys.Add(rowId[i]!.Value); }
                break;
            case OrdersDefect.MalformedEmail:
                string[] bad = ["ann.example.com", "to: bob7@example.com", "chen@", "dana8@example.com (work)", "EVA@EXAMPLE.COM", "gus9@example.com\n"];
                foreach (var (i, n) in picked.Select((i, n) => (i, n))) { frame.Columns["email"][i] = bad[n % bad.Length]; keys.Add(rowId[i]!.Value); }
                break;
            case OrdersDefect.TooFewRows:
                frame = frame.Head(Math.Min(TruncatedRows, rows));
                break;
            case OrdersDefect.ShippedBeforeOrdered:
            {
                var shipped = (DateTimeDataFrameColumn)frame.Columns["shipped_at"];
                var ordered = (DateTimeDataFrameColumn)frame.Columns["ordered_at"];
                foreach (var i in Enumerable.Range(3, rows - 3).Where(i => shipped[i] is not null).OrderBy(_ => random.Next()).Take(count).Order())
                {
                    shipped[i] = ordered[i]!.Value.AddSeconds(-1 - random.Next(48 * 3_600));
                    keys.Add(rowId[i]!.Value);
                }
                break;
            }
            case OrdersDefect.Stale:
                foreach (var name in new[] { "ordered_at", "shipped_at" })
                {
                    var c = (DateTimeDataFrameColumn)frame.Columns[name];
                    for (var i = 0; i < rows; i++) c[i] = c[i]?.AddDays(-10);
                }
                break;
            case OrdersDefect.AmountDrift:
            {
                var c = (DoubleDataFrameColumn)frame.Columns["amount"];
                for (var i = 0; i < rows; i++) c[i] = Math.Min(MaxAmount, Math.Round(c[i]!.Value * 1.6, 2));
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(defect), defect, null);
        }
        keys.Sort();
        return new SeededDataset(frame, d, Targets[d], keys);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
