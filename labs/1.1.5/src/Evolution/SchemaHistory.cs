using System.Reflection;
using System.Text.Json;
using Avro;

namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// The Customer schema's history, v1 … v8, read from the .avsc files embedded in this assembly
/// (labs/1.1.5/src/schemas). Each file's "doc" says what that version changed.
/// </summary>
public static class SchemaHistory
{
    private static readonly Lazy<IReadOnlyList<SchemaVersion>> Versions = new(Load);

    /// <summary>Every version, oldest first.</summary>
    public static IReadOnlyList<SchemaVersion> Customer => Versions.Value;

    public static SchemaVersion Latest => Customer[^1];

    public static SchemaVersion Version(int version) =>
        Customer.FirstOrDefault(v => v.Version == version)
        ?? throw new ArgumentOutOfRangeException(nameof(version), version, $"The history has versions 1 … {Customer.Count}.");

    /// <summary>The raw text of one version's .avsc file.</summary>
    public static string Text(int version) => ReadResource($"schemas/customer.v{version}.avsc");

    private static List<SchemaVersion> Load()
    {
        var list = new List<SchemaVersion>();
        for (var v = 1; ; v++)
        {
            var name = $"schemas/customer.v{v}.avsc";
            if (typeof(SchemaHistory).Assembly.GetManifestResourceInfo(name) is null) break;
            var text = ReadResource(name);
            Schema schema;
            try
            {
                schema = Schema.Parse(text);
            }
            catch (SchemaParseException e)
            {
                throw new InvalidDataException($"{name} is not a valid Avro schema: {e.Message}", e);
            }
            using var doc = JsonDocument.Parse(text);
            var change = doc.RootElement.TryGetProperty("doc", out var d) ? d.GetString() ?? "" : "";
            list.Add(new SchemaVersion(v, change, schema));
        }
        if (list.Count == 0) throw new InvalidOperationException("No schemas/customer.v*.avsc resource is embedded in the assembly.");
        return list;
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(SchemaHistory).Assembly.GetManifestResourceStream(name)
                           ?? throw new FileNotFoundException($"Embedded resource '{name}' is missing.", name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
