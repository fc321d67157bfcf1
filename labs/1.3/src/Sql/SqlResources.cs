using System.Reflection;

namespace StatelessMind.Labs.Programming.Sql;

/// <summary>The SQL files of the suite, embedded in the assembly (sources under <c>src/Sql/Queries</c>).</summary>
public static class SqlResources
{
    private const string Prefix = "sql/";

    /// <summary>The text of <c>Queries/&lt;name&gt;.sql</c>, or of <c>Queries/Bugs/&lt;name&gt;.sql</c> when <paramref name="planted"/>.</summary>
    public static string Read(string name, bool planted = false)
    {
        var resource = $"{Prefix}{(planted ? "bugs/" : "")}{name}.sql";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
                           ?? throw new ArgumentException($"no embedded SQL file '{resource}' (expected under src/Sql/Queries{(planted ? "/Bugs" : "")})", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The names of the embedded queries (without the schema and the planted variants).</summary>
    public static IReadOnlyList<string> QueryNames() =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && !n.StartsWith(Prefix + "bugs/", StringComparison.Ordinal) && n != Prefix + "schema.sql")
            .Select(n => n[Prefix.Length..^".sql".Length]).Order(StringComparer.Ordinal).ToList();
}
