using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NpgsqlTypes;

namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>
/// The "T" of ETL: the retail dbt project's seven marts (lab 2.2's models/marts) computed in memory from the extracted
/// source tables, column for column and type for type, so that a table loaded from here can be compared row for row
/// with the one dbt builds in the warehouse.
/// </summary>
public static class MartTransform
{
    private static readonly MartColumn[] FactSalesColumns =
    [
        new("sales_key", "text", NpgsqlDbType.Text), new("order_id", "integer", NpgsqlDbType.Integer), new("line_number", "integer", NpgsqlDbType.Integer),
        new("customer_key", "text", NpgsqlDbType.Text), new("product_key", "text", NpgsqlDbType.Text), new("store_key", "text", NpgsqlDbType.Text),
        new("date_key", "integer", NpgsqlDbType.Integer), new("ship_city", "text", NpgsqlDbType.Text), new("quantity", "integer", NpgsqlDbType.Integer),
        new("unit_price_cents", "bigint", NpgsqlDbType.Bigint), new("revenue_cents", "bigint", NpgsqlDbType.Bigint),
        new("revenue", "numeric", NpgsqlDbType.Numeric), new("currency_code", "text", NpgsqlDbType.Text),
    ];

    /// <summary>All seven marts, in the order dbt builds them.</summary>
    public static IReadOnlyList<MartTable> BuildAll(OperationalSnapshot source, MartParameters parameters, EtlBug bug = EtlBug.None)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parameters);
        var customers = DimCustomer(source);
        var products = DimProduct(source);
        var sales = FactSales(source, parameters, bug);
        return [customers, DimDate(parameters, bug), products, DimStore(source), Aggregates.DailyStoreSales(sales), sales,
            Aggregates.RevenueByDepartmentSegment(sales, customers, products, parameters)];
    }

    /// <summary>The dbt project's <c>surrogate_key</c> macro: md5 over the key values as text, nulls as <c>_null_</c>, joined by <c>|</c>.</summary>
    public static string SurrogateKey(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = string.Join("|", values.Select(v => v is null ? "_null_" : Convert.ToString(v, CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public static MartTable DimCustomer(OperationalSnapshot source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var home = ShippingCities(source);
        return new MartTable("dim_customer",
            [new("customer_key", "text", NpgsqlDbType.Text), new("customer_id", "integer", NpgsqlDbType.Integer), new("customer_name", "text", NpgsqlDbType.Text),
             new("email", "text", NpgsqlDbType.Text), new("segment", "text", NpgsqlDbType.Text), new("home_city", "text", NpgsqlDbType.Text)],
            source.Customers.Select(c => new object?[]
            {
                SurrogateKey(c.Id), c.Id, c.FullName.Trim(' '), c.Email.ToLowerInvariant(), c.Segment, home.GetValueOrDefault(c.Id),
            }).ToList());
    }

    public static MartTable DimProduct(OperationalSnapshot source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new MartTable("dim_product",
            [new("product_key", "text", NpgsqlDbType.Text), new("product_id", "integer", NpgsqlDbType.Integer), new("sku", "text", NpgsqlDbType.Text),
             new("product_name", "text", NpgsqlDbType.Text), new("category", "text", NpgsqlDbType.Text), new("department", "text", NpgsqlDbType.Text),
             new("list_price_cents", "bigint", NpgsqlDbType.Bigint)],
            source.Products.Select(p => new object?[] { SurrogateKey(p.Id), p.Id, p.Sku, p.Name, p.Category, p.Department, p.ListPriceCents }).ToList());
    }

    public static MartTable DimStore(OperationalSnapshot source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var regions = source.Regions.ToDictionary(r => r.Code, StringComparer.Ordinal);
        return new MartTable("dim_store",
            [new("store_key", "text", NpgsqlDbType.Text), new("store_id", "integer", NpgsqlDbType.Integer), new("store_name", "text", NpgsqlDbType.Text),
             new("city", "text", NpgsqlDbType.Text), new("region_name", "text", NpgsqlDbType.Text), new("country", "text", NpgsqlDbType.Text)],
            source.Stores.Where(s => regions.ContainsKey(s.RegionCode)) // an inner join on the seed
                .Select(s => new object?[] { SurrogateKey(s.Id), s.Id, s.Name, s.City, regions[s.RegionCode].Name, regions[s.RegionCode].Country }).ToList());
    }

    /// <summary>dim_date: every day of the calendar range, with ISO year and week, quarter, English month name, ISO day of week.</summary>
    public static MartTable DimDate(MartParameters parameters, EtlBug bug = EtlBug.None)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var rows = new List<object?[]>();
        #region Exercise 1.2-4c: the calendar, as PostgreSQL's extract() and to_char() number it (tests: CalendarTests, EtlEltTests, ExperimentTests)
        for (var day = parameters.CalendarStart; day <= parameters.CalendarEnd; day = day.AddDays(1))
        {
            var at = day.ToDateTime(TimeOnly.MinValue);
            var isoDay = day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek;
            rows.Add([day.Year * 10_000 + day.Month * 100 + day.Day, day, ISOWeek.GetYear(at), ISOWeek.GetWeekOfYear(at), day.Year, (day.Month + 2) / 3, day.Month,
                CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(day.Month), isoDay, isoDay >= 6]);
        }
        #endregion
        if (bug == EtlBug.CalendarWeek)
            foreach (var row in rows)
                row[3] = CultureInfo.InvariantCulture.Calendar.GetWeekOfYear(((DateOnly)row[1]!).ToDateTime(TimeOnly.MinValue), CalendarWeekRule.FirstDay, DayOfWeek.Sunday);
        return new MartTable("dim_date",
            [new("date_key", "integer", NpgsqlDbType.Integer), new("date_day", "date", NpgsqlDbType.Date), new("iso_year", "integer", NpgsqlDbType.Integer),
             new("iso_week", "integer", NpgsqlDbType.Integer), new("calendar_year", "integer", NpgsqlDbType.Integer), new("calendar_quarter", "integer", NpgsqlDbType.Integer),
             new("calendar_month", "integer", NpgsqlDbType.Integer), new("month_name", "text", NpgsqlDbType.Text), new("day_of_week", "integer", NpgsqlDbType.Integer),
             new("is_weekend", "boolean", NpgsqlDbType.Boolean)],
            rows);
    }

    /// <summary>fct_sales: one row per order line, joined to its order (inner) and to the customer's shipping address (left).</summary>
    public static MartTable FactSales(OperationalSnapshot source, MartParameters parameters, EtlBug bug = EtlBug.None)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parameters);
        var rows = new List<object?[]>(source.Lines.Count);
        #region Exercise 1.2-4a: the fact table, a hash join in memory (tests: FactSalesTests, AggregateTests, EtlEltTests, ExperimentTests)
        var orders = source.Orders.ToDictionary(o => o.Id);
        var shipTo = ShippingCities(source);
        foreach (var line in source.Lines)
        {
            if (!orders.TryGetValue(line.OrderId, out var order)) continue; // an inner join: a line without its order is dropped
            var revenueCents = line.Quantity * line.UnitPriceCents;
            var date = order.OrderedAt.Date;
            rows.Add([
                SurrogateKey(line.OrderId, line.LineNumber), line.OrderId, line.LineNumber,
                SurrogateKey(order.CustomerId), SurrogateKey(line.ProductId), SurrogateKey(order.StoreId),
                date.Year * 10_000 + date.Month * 100 + date.Day, shipTo.GetValueOrDefault(order.CustomerId),
                line.Quantity, line.UnitPriceCents, revenueCents, Math.Round(revenueCents / 100m, 2, MidpointRounding.AwayFromZero), parameters.Currency,
            ]);
        }
        #endregion
        if (bug == EtlBug.AnyAddressAsShipCity)
        {
            var lastRead = source.Addresses.GroupBy(a => a.CustomerId).ToDictionary(g => g.Key, g => g.Last().City);
            var customerOf = source.Orders.ToDictionary(o => o.Id, o => o.CustomerId);
            foreach (var row in rows) row[7] = lastRead.GetValueOrDefault(customerOf[(int)row[1]!]);
        }
        return new MartTable("fct_sales", FactSalesColumns, rows);
    }

    private static Dictionary<int, string> ShippingCities(OperationalSnapshot source) =>
        source.Addresses.Where(a => a.Type == "shipping").ToDictionary(a => a.CustomerId, a => a.City);
}
