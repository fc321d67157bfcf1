using System.Globalization;

namespace StatelessMind.SparkConnect;

/// <summary>The canonical text of a result value, so that rows from Spark and rows of a local run compare as strings.</summary>
public static class SparkValues
{
    /// <summary>Invariant culture; doubles round-trip ("R"); null is NULL; lists are [a, b]; structs are {name: value, …}.</summary>
    public static string Format(object? value) => value switch
    {
        null => "NULL",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        IReadOnlyDictionary<string, object?> fields => "{" + string.Join(", ", fields.Select(kv => $"{kv.Key}: {Format(kv.Value)}")) + "}",
        IReadOnlyList<object?> items => "[" + string.Join(", ", items.Select(Format)) + "]",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
