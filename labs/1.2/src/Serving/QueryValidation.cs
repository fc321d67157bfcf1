using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>
/// Reads and checks the query string of <c>GET /api/daily-sales</c>: every problem is collected under its parameter's name
/// with a message that says what was expected, for a problem-details (RFC 9457) 400 answer.
/// </summary>
public static class QueryValidation
{
    public const int MaxLimit = 500;
    public const int DefaultLimit = 100;
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "store", "from", "to", "min_revenue_cents", "limit", "after" };

    public static (DailySalesQuery? Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        #region Exercise 1.2-6a: validate every parameter, saying what was expected (tests: ServingValidationTests)
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string name, string message) => errors[name] = [message];
        string? Single(string name)
        {
            if (!query.TryGetValue(name, out var values)) return null;
            if (values.Count != 1) { Fail(name, $"'{name}' may be given once, it was given {values.Count} times"); return null; }
            return values[0];
        }
        foreach (var name in query.Keys.Where(k => !Known.Contains(k)))
            Fail(name, $"unknown parameter '{name}'; the parameters are {string.Join(", ", Known.Order(StringComparer.Ordinal))}");
        var store = Single("store");
        if (store is not null && !PageCursor.IsStoreKey(store)) Fail("store", "'store' must be a store key: 32 lower-case hexadecimal digits");
        int? Date(string name)
        {
            var raw = Single(name);
            if (raw is null) return null;
            if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d.Year * 10_000 + d.Month * 100 + d.Day;
            Fail(name, $"'{name}' must be a date as yyyy-MM-dd, got '{Shorten(raw)}'");
            return null;
        }
        var from = Date("from");
        var to = Date("to");
        if (from is not null && to is not null && from > to) Fail("to", "'to' must not be before 'from'");
        long? minRevenue = null;
        if (Single("min_revenue_cents") is { } m)
        {
            if (long.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) minRevenue = v;
            else Fail("min_revenue_cents", $"'min_revenue_cents' must be a whole number ≥ 0, got '{Shorten(m)}'");
        }
        var limit = DefaultLimit;
        if (Single("limit") is { } l && !(int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
            Fail("limit", $"'limit' must be a whole number from 1 to {MaxLimit}, got '{Shorten(l)}'");
        PageCursor? after = null;
        if (Single("after") is { } a && (after = PageCursor.TryDecode(a)) is null)
            Fail("after", "'after' must be the 'next' cursor of a previous page");
        return errors.Count > 0 ? (null, errors) : (new DailySalesQuery(store, from, to, minRevenue, limit, after), errors);
        #endregion
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
