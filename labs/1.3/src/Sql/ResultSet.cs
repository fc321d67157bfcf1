using System.Globalization;

namespace StatelessMind.Labs.Programming.Sql;

/// <summary>
/// An ordered result: column names and rows of canonical cells (text), so a value read from PostgreSQL and the same
/// value computed in C# compare equal whatever their CLR types (numeric 12.50 and decimal 12.5, bigint and int,
/// date and DateOnly).
/// </summary>
public sealed record ResultSet(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows)
{
    public static ResultSet Of(IReadOnlyList<string> columns, IEnumerable<IEnumerable<object?>> rows) =>
        new(columns, rows.Select(r => (IReadOnlyList<string?>)r.Select(Cell).ToList()).ToList());

    /// <summary>The canonical text of one value: integers and decimals without trailing zeros, dates as yyyy-MM-dd, NULL as null.</summary>
    public static string? Cell(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b ? "true" : "false",
        int or long or short or byte => Convert.ToString(value, CultureInfo.InvariantCulture),
        decimal d => Number(d),
        // (decimal)double keeps 15 significant digits, as PostgreSQL's float8-to-numeric cast does.
        double d => double.IsFinite(d) ? Number((decimal)d) : d.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"no canonical form for a value of type {value.GetType().Name}", nameof(value)),
    };

    private static string Number(decimal d) => d.ToString("0.############################", CultureInfo.InvariantCulture);
}
